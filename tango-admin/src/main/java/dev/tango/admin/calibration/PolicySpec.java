package dev.tango.admin.calibration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import dev.tango.core.calibration.AccuracyBudgetPolicy;
import dev.tango.core.calibration.EscalationBudgetPolicy;
import dev.tango.core.calibration.RiskControlPolicy;
import dev.tango.core.calibration.ThresholdPolicy;

/**
 * Which threshold policy a calibration uses, with its parameters; absent parameters take
 * the policy's defaults.
 *
 * @param name {@code accuracy-budget} (largest speedup within an accuracy drop of the
 * last tier alone), {@code escalation-budget} (highest accuracy within a share of inputs
 * reaching the last tier) or {@code risk-control} (Learn-then-Test bound holding with
 * probability 1 − alpha)
 * @param maxDrop accuracy budget: the largest accuracy drop, a fraction (default 0.005)
 * @param maxEscalation escalation budget: the largest share of inputs reaching the last
 * tier (required)
 * @param confidenceLevel accuracy and escalation budgets: the one-sided confidence level
 * of the bound
 * @param maxRisk risk control: the largest share of losses (default 0.05)
 * @param alpha risk control: the probability that the bound fails (default 0.1)
 * @param loss risk control: {@code DISAGREEMENT} with the last tier (default) or
 * {@code ERROR}
 */
public record PolicySpec(@NotNull String name, @Nullable Double maxDrop, @Nullable Double maxEscalation,
		@Nullable Double confidenceLevel, @Nullable Double maxRisk, @Nullable Double alpha,
		RiskControlPolicy.@Nullable Loss loss) {

	/** The default policy: an accuracy drop of at most half a point. */
	public static final PolicySpec DEFAULT = new PolicySpec(AccuracyBudgetPolicy.NAME, null, null, null, null, null,
			null);

	/**
	 * Builds the policy.
	 * @return the policy
	 * @throws IllegalArgumentException if the name is unknown or a parameter is out of
	 * range
	 */
	public ThresholdPolicy toPolicy() {
		return switch (this.name) {
			case AccuracyBudgetPolicy.NAME -> new AccuracyBudgetPolicy(
					Objects.requireNonNullElse(this.maxDrop, AccuracyBudgetPolicy.DEFAULT_MAX_DROP),
					Objects.requireNonNullElse(this.confidenceLevel, AccuracyBudgetPolicy.DEFAULT_CONFIDENCE_LEVEL));
			case EscalationBudgetPolicy.NAME -> {
				if (this.maxEscalation == null) {
					throw new IllegalArgumentException("The escalation-budget policy needs maxEscalation");
				}
				yield new EscalationBudgetPolicy(this.maxEscalation, Objects.requireNonNullElse(this.confidenceLevel,
						EscalationBudgetPolicy.DEFAULT_CONFIDENCE_LEVEL));
			}
			case RiskControlPolicy.NAME -> new RiskControlPolicy(Objects.requireNonNullElse(this.maxRisk, 0.05),
					Objects.requireNonNullElse(this.alpha, 0.1),
					Objects.requireNonNullElse(this.loss, RiskControlPolicy.Loss.DISAGREEMENT));
			default -> throw new IllegalArgumentException("Unknown policy '" + this.name + "': use "
					+ AccuracyBudgetPolicy.NAME + ", " + EscalationBudgetPolicy.NAME + " or " + RiskControlPolicy.NAME);
		};
	}

	/**
	 * Returns the parameters the policy runs with, defaults filled in, as text.
	 * @return the parameters by name
	 */
	public Map<String, String> parameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		ThresholdPolicy policy = toPolicy();
		switch (policy) {
			case AccuracyBudgetPolicy accuracy -> {
				parameters.put("maxDrop", Double.toString(accuracy.maxDrop()));
				parameters.put("confidenceLevel", Double.toString(accuracy.confidenceLevel()));
			}
			case EscalationBudgetPolicy escalation -> {
				parameters.put("maxEscalation", Double.toString(escalation.maxEscalation()));
				parameters.put("confidenceLevel", Double.toString(escalation.confidenceLevel()));
			}
			case RiskControlPolicy risk -> {
				parameters.put("maxRisk", Double.toString(risk.maxRisk()));
				parameters.put("alpha", Double.toString(risk.alpha()));
				parameters.put("loss", risk.loss().name());
			}
			default -> {
			}
		}
		return parameters;
	}

}
