package dev.tango.models.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A recorded, immutable calibration result.
 *
 * @param id the registry's identifier
 * @param cascade the cascade's name
 * @param version the cascade version calibrated
 * @param datasetName the data set's name
 * @param datasetSha256 the data set's sha256
 * @param policy the policy's name
 * @param parameters the policy's parameters
 * @param thresholds the chosen threshold of each gate, by tier index
 * @param curve the curve, in the order recorded
 * @param createdAt when it was recorded
 * @param createdBy who recorded it
 */
public record CalibrationResult(long id, String cascade, int version, String datasetName, String datasetSha256,
		String policy, Map<String, String> parameters, Map<Integer, Double> thresholds, List<CalibrationPoint> curve,
		Instant createdAt, String createdBy) {

	public CalibrationResult {
		parameters = Map.copyOf(parameters);
		thresholds = Map.copyOf(thresholds);
		curve = List.copyOf(curve);
	}

}
