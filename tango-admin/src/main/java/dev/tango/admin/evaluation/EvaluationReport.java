package dev.tango.admin.evaluation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.calibration.Binomial;

/**
 * How a cascade version and each of its tiers do on a labelled data set: the result of an
 * evaluate job.
 *
 * @param cascade the cascade's name
 * @param version the version evaluated
 * @param datasetId the data set
 * @param datasetSha256 its sha256
 * @param split the split evaluated, or {@code null} for every row
 * @param rows the number of rows
 * @param tiers each tier alone
 * @param thresholds the version's thresholds
 * @param accuracy the cascade's accuracy with those thresholds
 * @param accuracyInterval its 95% Clopper–Pearson interval
 * @param escalation the share of inputs passed on past each gate
 * @param agreementWithLastTier the share of inputs on which the cascade answers as the
 * last tier alone would
 * @param estimatedSpeedup the estimated speedup against the last tier alone, from the
 * tiers' cost while scoring
 */
public record EvaluationReport(String cascade, int version, long datasetId, String datasetSha256,
		@Nullable String split, int rows, List<TierResult> tiers, List<Double> thresholds, double accuracy,
		List<Double> accuracyInterval, List<Double> escalation, double agreementWithLastTier, double estimatedSpeedup) {

	/**
	 * Returns the 95% Clopper–Pearson interval of an accuracy, as evaluation and
	 * calibration reports give it.
	 * @param accuracy the share of correct answers, in [0, 1]
	 * @param rows the number of rows it was measured on, positive
	 * @return the lower and the upper bound
	 */
	public static List<Double> interval(double accuracy, int rows) {
		long correct = Math.round(accuracy * rows);
		return List.of(Binomial.lowerBound(correct, rows, 0.975), Binomial.upperBound(correct, rows, 0.975));
	}

	/**
	 * One tier answering every input alone.
	 *
	 * @param index its position
	 * @param name its name
	 * @param accuracy its accuracy
	 * @param accuracyInterval the 95% Clopper–Pearson interval of its accuracy
	 * @param nanosPerInput its wall-clock cost per input while scoring, at its batch size
	 */
	public record TierResult(int index, String name, double accuracy, List<Double> accuracyInterval,
			double nanosPerInput) {

	}

}
