package dev.tango.admin.calibration;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tango.core.calibration.CalibrationSummary;

/**
 * What a calibrate job did and found: the result of the job. The figures of the choice
 * are those of its {@link CalibrationSummary}, the shape the bench reports them in too.
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
 * @param summary the calibration's {@link CalibrationSummary#text() summary}, as the
 * bench's {@code calibrate} prints it for the same data and policy
 */
public record CalibrationReport(String cascade, int sourceVersion, int newVersion, boolean activated,
		@Nullable String activationError, long calibrationId, DatasetRef dataset, int calibrationRows, int heldOutRows,
		@Nullable Integer folds, long seed, String policy, Map<String, String> parameters, String method,
		boolean constraintMet, List<Double> thresholds, List<Double> temperatures, List<CostMeasurement.TierCost> costs,
		CalibrationSummary.Point calibration, CalibrationSummary.HeldOut heldOut, String summary) {

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

}
