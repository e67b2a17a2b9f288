package dev.tango.bench.calibrate;

import dev.tango.bench.Setting;
import dev.tango.core.calibration.AccuracyBudgetPolicy;
import dev.tango.core.calibration.PolicySpec;
import dev.tango.core.calibration.RiskControlPolicy;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The threshold policy options of {@code calibrate}: one option per field of the
 * {@link PolicySpec} that the admin's calibrate job reads from its JSON, so that the same
 * policy is asked for with the same names (in kebab case here), defaults and messages
 * through either door.
 */
public final class PolicyOptions {

	@Option(names = "--policy", defaultValue = AccuracyBudgetPolicy.NAME,
			description = "the threshold policy: accuracy-budget, escalation-budget or risk-control "
					+ "(default ${DEFAULT-VALUE})")
	String name = AccuracyBudgetPolicy.NAME;

	@Setting("maxDrop")
	@Option(names = "--max-drop",
			description = "accuracy-budget: largest accepted accuracy drop against the last tier alone, a fraction "
					+ "(default " + AccuracyBudgetPolicy.DEFAULT_MAX_DROP + ")")
	@Nullable Double maxDrop;

	@Setting("maxEscalation")
	@Option(names = "--max-escalation",
			description = "escalation-budget: largest share of inputs reaching the last tier (required by it)")
	@Nullable Double maxEscalation;

	@Setting("confidenceLevel")
	@Option(names = "--confidence-level",
			description = "accuracy-budget and escalation-budget: one-sided "
					+ "confidence level of the bound (default 0.9 and 0.95, as the admin's calibrate job)")
	@Nullable Double confidenceLevel;

	@Setting("maxRisk")
	@Option(names = "--max-risk",
			description = "risk-control: largest share of losses (default " + RiskControlPolicy.DEFAULT_MAX_RISK + ")")
	@Nullable Double maxRisk;

	@Setting("alpha")
	@Option(names = "--alpha",
			description = "risk-control: probability that the bound fails (default " + RiskControlPolicy.DEFAULT_ALPHA
					+ ")")
	@Nullable Double alpha;

	@Setting("loss")
	@Option(names = "--loss", description = "risk-control: DISAGREEMENT with the last tier (default) or ERROR")
	RiskControlPolicy.@Nullable Loss loss;

	/**
	 * Returns the policy these options ask for; {@link PolicySpec#toPolicy()} checks it.
	 * @return the policy's specification
	 */
	public PolicySpec spec() {
		return new PolicySpec(this.name, this.maxDrop, this.maxEscalation, this.confidenceLevel, this.maxRisk,
				this.alpha, this.loss);
	}

}
