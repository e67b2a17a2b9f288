package dev.tango.admin.calibration;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a calibrate job did and found: the result of the job.
 *
 * @param cascade the cascade's name
 * @param sourceVersion the version calibrated
 * @param newVersion the version created with the chosen thresholds
 * @param activated whether the new version was activated
 * @param activationError why activation failed, or {@code null}
 * @param calibrationId the calibration recorded for the new version
 * @param dataset the data set
 * @param calibrationRows how many rows the new version's thresholds were chosen on: every
 * row when cross-fitted, else the calibration part
 * @param heldOutRows how many rows the held-out figures are measured on: every row, each
 * out of fold, when cross-fitted, else the held-out part
 * @param folds the number of folds of the cross-fitting, or {@code null} when a held-out
 * part was set aside instead
 * @param seed the seed of the folds or of the split
 * @param policy the policy's name
 * @param parameters the policy's parameters
 * @param method how the policy chose, for people
 * @param constraintMet whether the policy's constraint holds on the calibration part
 * @param thresholds the chosen threshold of each gate
 * @param temperatures the temperature of each gate
 * @param costs what each tier costs on this host
 * @param calibration the chosen point on the rows it was chosen on, which flatter it
 * @param heldOut how the chosen thresholds do on rows the choice did not see
 */
public record CalibrationReport(String cascade, int sourceVersion, int newVersion, boolean activated,
		@Nullable String activationError, long calibrationId, DatasetRef dataset, int calibrationRows, int heldOutRows,
		@Nullable Integer folds, long seed, String policy, Map<String, String> parameters, String method,
		boolean constraintMet, List<Double> thresholds, List<Double> temperatures, List<CostMeasurement.TierCost> costs,
		Point calibration, HeldOut heldOut) {

	/**
	 * The data set calibrated on.
	 *
	 * @param id its identifier
	 * @param name its name
	 * @param sha256 its sha256
	 * @param split the split used, or {@code null} for every row
	 */
	public record DatasetRef(long id, String name, String sha256, @Nullable String split) {

	}

	/**
	 * An operating point.
	 *
	 * @param accuracy the cascade's accuracy
	 * @param lastTierAccuracy the accuracy of the last tier alone
	 * @param escalation the share of inputs passed on past each gate
	 * @param estimatedSpeedup the estimated speedup against the last tier alone
	 * @param accuracyDrop the last tier's accuracy minus the cascade's
	 */
	public record Point(double accuracy, double lastTierAccuracy, List<Double> escalation, double estimatedSpeedup,
			double accuracyDrop) {

	}

	/**
	 * How the chosen thresholds do on rows the choice did not see: the out-of-fold
	 * estimate of cross-fitting, each row answered with the thresholds chosen on the
	 * other folds, or the held-out part's figures.
	 *
	 * @param point the operating point (with cross-fitting, of the rows each answered by
	 * the thresholds of its fold)
	 * @param accuracyInterval the 95% Clopper–Pearson interval of the cascade's accuracy
	 * @param tierAccuracies the accuracy of each tier alone
	 * @param foldThresholds with cross-fitting, the thresholds chosen for each fold (one
	 * per gate); else empty
	 * @param note what this is, for people
	 */
	public record HeldOut(Point point, List<Double> accuracyInterval, List<Double> tierAccuracies,
			List<List<Double>> foldThresholds, String note) {

	}

}
