package dev.tango.models.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A calibration result to attach to a cascade version.
 *
 * @param cascade the cascade's name
 * @param version the cascade version calibrated
 * @param datasetName the calibration data set's name
 * @param datasetSha256 the sha256 of the data set's content
 * @param policy the name of the policy that chose the thresholds
 * @param parameters the policy's parameters
 * @param thresholds the chosen threshold of each gate, by tier index
 * @param curve the curve the policy chose from
 * @param createdBy who recorded it
 */
public record NewCalibration(String cascade, int version, String datasetName, String datasetSha256, String policy,
		Map<String, String> parameters, Map<Integer, Double> thresholds, List<CalibrationPoint> curve,
		String createdBy) {

	public NewCalibration {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(datasetName, "datasetName");
		Objects.requireNonNull(datasetSha256, "datasetSha256");
		Objects.requireNonNull(policy, "policy");
		Objects.requireNonNull(createdBy, "createdBy");
		parameters = Map.copyOf(parameters);
		thresholds = Map.copyOf(thresholds);
		curve = List.copyOf(curve);
	}

}
