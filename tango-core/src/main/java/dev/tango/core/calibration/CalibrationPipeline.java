package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.tango.core.tier.Activation;

/**
 * The one offline calibration of a cascade's thresholds, used by the admin's calibrate
 * job and by the bench: from every tier's scores on a labelled set, each tier's cost and
 * a policy,
 * <ol>
 * <li>splits the rows as the options' {@link Validation} says ({@link Partition});</li>
 * <li>optionally fits each gated tier's softmax temperature on the rows chosen on;</li>
 * <li>sweeps the thresholds over those rows and lets the policy choose;</li>
 * <li>reports the choice on rows it did not see: cross-fitted over folds (the policy, and
 * the temperature fit, run again without each fold; see {@link CrossFitting}), or on the
 * held-out part.</li>
 * </ol>
 * Pure: no I/O, no clock, no shared state; the same arguments give the same outcome.
 */
public final class CalibrationPipeline {

	private CalibrationPipeline() {
	}

	/**
	 * Calibrates.
	 * @param scores every tier's scores on the labelled rows, at least two tiers and two
	 * distinct labels
	 * @param costs each tier's cost per input, one per tier
	 * @param policy the policy that chooses the thresholds
	 * @param options validation, seed, temperature scaling and grid
	 * @return the outcome
	 * @throws IllegalArgumentException if the input cannot be calibrated (one tier, one
	 * label, too few rows for the validation, temperature scaling of a multi-label tier),
	 * with a message saying why
	 */
	public static CalibrationOutcome calibrate(LabelledScores scores, TierCosts costs, ThresholdPolicy policy,
			CalibrationOptions options) {
		if (scores.tiers().size() < 2) {
			throw new IllegalArgumentException("The cascade has a single tier: there is no threshold to calibrate");
		}
		if (costs.tierCount() != scores.tiers().size()) {
			throw new IllegalArgumentException(
					costs.tierCount() + " tier costs for a cascade of " + scores.tiers().size() + " tiers");
		}
		if (scores.distinctLabels() < 2) {
			throw new IllegalArgumentException(
					"Every row has the same label: accuracy cannot be calibrated on one label");
		}
		Partition partition = options.validation().partition(scores.truth(), options.seed());
		int[] choosing = partition.choosing();
		List<Double> temperatures = temperatures(scores, choosing, options.temperatureScaling());
		LabelledPredictions predictions = scores.predictions(temperatures);
		ThresholdSweep sweep = options.sweep(predictions.select(choosing), costs);
		ThresholdChoice choice = policy.choose(sweep);
		HeldOutEstimate heldOut = switch (partition) {
			case Partition.Folds folds -> HeldOutEstimate.of(CrossFitting.estimate(policy, folds.folds(),
					(fold) -> options.temperatureScaling()
							? scores.predictions(temperatures(scores, folds.without(fold), true)) : predictions,
					costs, (labelled) -> options.sweep(labelled, costs)), predictions);
			case Partition.Split split -> {
				LabelledPredictions part = predictions.select(split.heldOut());
				yield HeldOutEstimate.of(ThresholdSweep.of(part, costs, 3).evaluate(choice.thresholds()), part);
			}
		};
		return new CalibrationOutcome(partition, temperatures, predictions, sweep, choice, heldOut);
	}

	/**
	 * Returns each gated tier's temperature: fitted on the given rows with temperature
	 * scaling, else the tier's own.
	 * @param scores the scores
	 * @param rows the rows to fit on
	 * @param fit whether to fit
	 * @return one temperature per tier but the last
	 * @throws IllegalArgumentException if a tier to fit is multi-label
	 */
	static List<Double> temperatures(LabelledScores scores, int[] rows, boolean fit) {
		int[] truth = scores.truth();
		int[] labels = IntStream.of(rows).map((i) -> truth[i]).toArray();
		List<Double> temperatures = new ArrayList<>();
		for (int k = 0; k < scores.tiers().size() - 1; k++) {
			ScoredTier tier = scores.tiers().get(k);
			if (!fit) {
				temperatures.add(tier.confidence().temperature());
				continue;
			}
			if (tier.confidence().activation() != Activation.SOFTMAX) {
				throw new IllegalArgumentException("Temperature scaling applies to single-label (softmax) tiers; tier "
						+ k + " (" + tier.name() + ") is multi-label");
			}
			temperatures.add(TemperatureScaling.fit(tier.logits(rows), labels).temperature());
		}
		return temperatures;
	}

}
