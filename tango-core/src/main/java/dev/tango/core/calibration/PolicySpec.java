package dev.tango.core.calibration;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.tango.core.settings.InvalidSettingException;
import org.jspecify.annotations.Nullable;

/**
 * Which threshold policy a calibration uses, with its parameters, as people give them:
 * the admin's calibrate job reads it from the job's JSON ({@code policy}), the bench's
 * {@code calibrate} from its options. Both build the policy here, so the names, defaults
 * and messages are the same through either door. Absent parameters take the policy's
 * defaults; a parameter of another policy is refused (it would otherwise be ignored).
 *
 * @param name {@value AccuracyBudgetPolicy#NAME} (largest speedup within an accuracy drop
 * of the last tier alone), {@value EscalationBudgetPolicy#NAME} (highest accuracy within
 * a share of inputs reaching the last tier) or {@value RiskControlPolicy#NAME}
 * (Learn-then-Test bound holding with probability 1 − alpha); {@code null} is refused by
 * {@link #toPolicy()}
 * @param maxDrop accuracy budget: the largest accuracy drop, a fraction (default
 * {@value AccuracyBudgetPolicy#DEFAULT_MAX_DROP})
 * @param maxEscalation escalation budget: the largest share of inputs reaching the last
 * tier (required)
 * @param confidenceLevel accuracy and escalation budgets: the one-sided confidence level
 * of the bound (default {@value AccuracyBudgetPolicy#DEFAULT_CONFIDENCE_LEVEL} and
 * {@value EscalationBudgetPolicy#DEFAULT_CONFIDENCE_LEVEL})
 * @param maxRisk risk control: the largest share of losses (default
 * {@value RiskControlPolicy#DEFAULT_MAX_RISK})
 * @param alpha risk control: the probability that the bound fails (default
 * {@value RiskControlPolicy#DEFAULT_ALPHA})
 * @param loss risk control: {@code DISAGREEMENT} with the last tier (default) or
 * {@code ERROR}
 */
public record PolicySpec(@Nullable String name, @Nullable Double maxDrop, @Nullable Double maxEscalation,
		@Nullable Double confidenceLevel, @Nullable Double maxRisk, @Nullable Double alpha,
		RiskControlPolicy.@Nullable Loss loss) {

	/** The default policy: an accuracy drop of at most half a point. */
	public static final PolicySpec DEFAULT = new PolicySpec(AccuracyBudgetPolicy.NAME, null, null, null, null, null,
			null);

	/**
	 * Builds the policy.
	 * @return the policy
	 * @throws IllegalArgumentException if the name is absent or unknown, or a parameter
	 * is of another policy ({@link InvalidSettingException}), or is missing or out of
	 * range, saying which
	 */
	public ThresholdPolicy toPolicy() {
		ThresholdPolicy policy = build();
		Map<String, @Nullable Object> given = new LinkedHashMap<>();
		given.put("maxDrop", this.maxDrop);
		given.put("maxEscalation", this.maxEscalation);
		given.put("confidenceLevel", this.confidenceLevel);
		given.put("maxRisk", this.maxRisk);
		given.put("alpha", this.alpha);
		given.put("loss", this.loss);
		Set<String> takes = parametersOf(policy).keySet();
		for (Map.Entry<String, @Nullable Object> parameter : given.entrySet()) {
			// ignored, another policy's parameter would leave its bound unenforced
			// without a word
			if (parameter.getValue() != null && !takes.contains(parameter.getKey())) {
				throw new InvalidSettingException(parameter.getKey(), "does not apply to the " + this.name + " policy");
			}
		}
		return policy;
	}

	private ThresholdPolicy build() {
		if (this.name == null) {
			throw new IllegalArgumentException("A policy needs a name: " + names());
		}
		return switch (this.name) {
			case AccuracyBudgetPolicy.NAME -> new AccuracyBudgetPolicy(
					Objects.requireNonNullElse(this.maxDrop, AccuracyBudgetPolicy.DEFAULT_MAX_DROP),
					Objects.requireNonNullElse(this.confidenceLevel, AccuracyBudgetPolicy.DEFAULT_CONFIDENCE_LEVEL));
			case EscalationBudgetPolicy.NAME -> {
				if (this.maxEscalation == null) {
					throw new InvalidSettingException("maxEscalation", "is required by the escalation-budget policy");
				}
				yield new EscalationBudgetPolicy(this.maxEscalation, Objects.requireNonNullElse(this.confidenceLevel,
						EscalationBudgetPolicy.DEFAULT_CONFIDENCE_LEVEL));
			}
			case RiskControlPolicy.NAME ->
				new RiskControlPolicy(Objects.requireNonNullElse(this.maxRisk, RiskControlPolicy.DEFAULT_MAX_RISK),
						Objects.requireNonNullElse(this.alpha, RiskControlPolicy.DEFAULT_ALPHA),
						Objects.requireNonNullElse(this.loss, RiskControlPolicy.Loss.DISAGREEMENT));
			default -> throw new IllegalArgumentException("Unknown policy '" + this.name + "': " + names());
		};
	}

	/**
	 * Returns the parameters the policy runs with, defaults filled in, as text.
	 * @return the parameters by name, in a stable order
	 * @throws IllegalArgumentException as {@link #toPolicy()}
	 */
	public Map<String, String> parameters() {
		return parametersOf(toPolicy());
	}

	private static Map<String, String> parametersOf(ThresholdPolicy policy) {
		Map<String, String> parameters = new LinkedHashMap<>();
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

	/**
	 * Returns the confidence level the policy's bound holds at: the budgets'
	 * {@code confidenceLevel}, risk control's {@code 1 − alpha}, defaults filled in.
	 * @return the level, in {@code [0.5, 1)}
	 * @throws IllegalArgumentException as {@link #toPolicy()}
	 */
	public double boundLevel() {
		return switch (toPolicy()) {
			case AccuracyBudgetPolicy accuracy -> accuracy.confidenceLevel();
			case EscalationBudgetPolicy escalation -> escalation.confidenceLevel();
			case RiskControlPolicy risk -> 1 - risk.alpha();
			default -> throw new IllegalStateException("No bound level for " + this.name);
		};
	}

	/**
	 * Returns this policy with its bound held at another confidence level (see
	 * {@link #boundLevel()}), to compare the choices at several levels.
	 * @param level the level, in {@code [0.5, 1)}
	 * @return the policy at that level
	 * @throws IllegalArgumentException as {@link #toPolicy()}
	 */
	public PolicySpec withBoundLevel(double level) {
		return RiskControlPolicy.NAME.equals(this.name)
				? new PolicySpec(this.name, this.maxDrop, this.maxEscalation, this.confidenceLevel, this.maxRisk,
						1 - level, this.loss)
				: new PolicySpec(this.name, this.maxDrop, this.maxEscalation, level, this.maxRisk, this.alpha,
						this.loss);
	}

	private static String names() {
		return "use " + AccuracyBudgetPolicy.NAME + ", " + EscalationBudgetPolicy.NAME + " or "
				+ RiskControlPolicy.NAME;
	}

}
