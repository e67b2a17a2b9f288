package dev.tango.core.calibration;

import java.util.List;

/**
 * How a cascade performs on a labelled set with given thresholds, against its last tier
 * answering every input alone.
 *
 * @param thresholds the threshold of each tier but the last, cheapest first, each in
 * {@code [0, 1]}: an input whose confidence is at or above a tier's threshold is answered
 * there
 * @param accuracy the cascade's accuracy, in {@code [0, 1]}
 * @param escalation for each tier but the last, the fraction of all inputs that go past
 * it to the next tier, non-increasing along the cascade
 * @param nanosPerInput the estimated cost per input, {@code c1 + e1·c2 + e1e2·c3 …} with
 * {@code e1e2} the fraction of all inputs that reach the third tier, in nanoseconds
 * @param speedup the cost per input of the last tier alone divided by
 * {@code nanosPerInput}
 * @param accuracyDrop the mean over inputs of {@code d = correct(last tier alone) −
 * correct(cascade)}: the accuracy of the last tier alone minus {@code accuracy}
 * @param dropStandardError the standard error of {@code accuracyDrop}: the sample
 * standard deviation of {@code d} divided by {@code √n}
 */
public record OperatingPoint(List<Double> thresholds, double accuracy, List<Double> escalation, double nanosPerInput,
		double speedup, double accuracyDrop, double dropStandardError) {

	public OperatingPoint {
		thresholds = List.copyOf(thresholds);
		escalation = List.copyOf(escalation);
	}

	/**
	 * Returns a one-sided upper confidence bound on the accuracy drop, from the normal
	 * approximation of its sampling distribution:
	 * {@code accuracyDrop + z·dropStandardError} with {@code z} the standard normal
	 * quantile at the confidence level.
	 * @param confidenceLevel the probability that the true drop lies below the bound, in
	 * {@code [0.5, 1)}
	 * @return the bound
	 */
	public double dropUpperBound(double confidenceLevel) {
		if (!(confidenceLevel >= 0.5 && confidenceLevel < 1)) {
			throw new IllegalArgumentException("confidenceLevel must lie in [0.5, 1), was " + confidenceLevel);
		}
		return this.accuracyDrop + Normal.quantile(confidenceLevel) * this.dropStandardError;
	}

}
