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
 * @param calibrationRows how many rows the thresholds were chosen on
 * @param heldOutRows how many rows were held out for the report
 * @param seed the seed of the split
 * @param policy the policy's name
 * @param parameters the policy's parameters
 * @param method how the policy chose, for people
 * @param constraintMet whether the policy's constraint holds on the calibration part
 * @param thresholds the chosen threshold of each gate
 * @param temperatures the temperature of each gate
 * @param costs what each tier costs on this host
 * @param calibration the chosen point on the calibration part
 * @param heldOut the chosen thresholds on the held-out part
 */
public record CalibrationReport(String cascade, int sourceVersion, int newVersion, boolean activated,
		@Nullable String activationError, long calibrationId, DatasetRef dataset, int calibrationRows, int heldOutRows,
		long seed, String policy, Map<String, String> parameters, String method, boolean constraintMet,
		List<Double> thresholds, List<Double> temperatures, List<CostMeasurement.TierCost> costs, Point calibration,
		HeldOut heldOut) {

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
	 * The chosen thresholds on the held-out part, which the choice never saw.
	 *
	 * @param point the operating point
	 * @param accuracyInterval the 95% Clopper–Pearson interval of the cascade's accuracy
	 * @param tierAccuracies the accuracy of each tier alone
	 * @param note what this is, for people
	 */
	public record HeldOut(Point point, List<Double> accuracyInterval, List<Double> tierAccuracies, String note) {

	}

}
