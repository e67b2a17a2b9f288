package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * How a calibration's thresholds do on rows their choice did not see: the out-of-fold
 * estimate of cross-fitting, or the figures of a held-out part.
 *
 * @param size the number of rows measured on
 * @param accuracy the cascade's accuracy, in {@code [0, 1]}
 * @param lastTierAccuracy the accuracy of the last tier answering every row alone
 * @param escalation for each gate, the share of all rows passed on past it
 * @param speedup the estimated speedup against the last tier alone
 * @param accuracyDrop {@code lastTierAccuracy − accuracy}
 * @param dropStandardError the standard error of the drop, paired per row
 * @param tierAccuracies the accuracy of each tier alone on those rows
 * @param foldThresholds with cross-fitting, the thresholds chosen without each fold; else
 * empty
 */
public record HeldOutEstimate(int size, double accuracy, double lastTierAccuracy, List<Double> escalation,
		double speedup, double accuracyDrop, double dropStandardError, List<Double> tierAccuracies,
		List<List<Double>> foldThresholds) {

	public HeldOutEstimate {
		escalation = List.copyOf(escalation);
		tierAccuracies = List.copyOf(tierAccuracies);
		foldThresholds = foldThresholds.stream().map(List::copyOf).toList();
	}

	/**
	 * Returns the estimate of cross-fitting.
	 * @param estimate the out-of-fold estimate
	 * @param predictions the predictions of every row, for each tier's accuracy alone
	 * @return the estimate
	 */
	static HeldOutEstimate of(CrossFitting.Estimate estimate, LabelledPredictions predictions) {
		return new HeldOutEstimate(estimate.size(), estimate.accuracy(), estimate.lastTierAccuracy(),
				estimate.escalation(), estimate.speedup(), estimate.accuracyDrop(), estimate.dropStandardError(),
				tierAccuracies(predictions), estimate.foldThresholds());
	}

	/**
	 * Returns the figures of a held-out part.
	 * @param point the chosen thresholds' operating point on the part
	 * @param part the part's predictions
	 * @return the estimate
	 */
	static HeldOutEstimate of(OperatingPoint point, LabelledPredictions part) {
		return new HeldOutEstimate(part.size(), point.accuracy(), part.lastTierAccuracy(), point.escalation(),
				point.speedup(), point.accuracyDrop(), point.dropStandardError(), tierAccuracies(part), List.of());
	}

	/**
	 * Returns whether the figures come from cross-fitting.
	 * @return {@code true} if there are fold thresholds
	 */
	public boolean crossFitted() {
		return !this.foldThresholds.isEmpty();
	}

	private static List<Double> tierAccuracies(LabelledPredictions predictions) {
		List<Double> accuracies = new ArrayList<>();
		for (int k = 0; k < predictions.tierCount(); k++) {
			accuracies.add(predictions.accuracy(k));
		}
		return accuracies;
	}

}
