package dev.tango.admin.evaluation;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.calibration.CascadeEvaluation;
import dev.tango.core.calibration.OperatingPoint;

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
		@Nullable String split, int rows, List<CascadeEvaluation.Tier> tiers, List<Double> thresholds, double accuracy,
		List<Double> accuracyInterval, List<Double> escalation, double agreementWithLastTier, double estimatedSpeedup) {

	/**
	 * Returns the report of a cascade version's evaluation.
	 * @param cascade the cascade's name
	 * @param version the version evaluated
	 * @param datasetId the data set
	 * @param datasetSha256 its sha256
	 * @param split the split evaluated, or {@code null} for every row
	 * @param rows the number of rows
	 * @param evaluation the figures, as the bench's {@code evaluate} computes them too
	 * @return the report
	 */
	public static EvaluationReport of(String cascade, int version, long datasetId, String datasetSha256,
			@Nullable String split, int rows, CascadeEvaluation evaluation) {
		OperatingPoint point = evaluation.point();
		return new EvaluationReport(cascade, version, datasetId, datasetSha256, split, rows, evaluation.tiers(),
				evaluation.thresholds(), point.accuracy(), evaluation.accuracyInterval(), point.escalation(),
				evaluation.agreementWithLastTier(), point.speedup());
	}

}
