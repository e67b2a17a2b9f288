package dev.tango.models.seed;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.tango.core.drift.DriftReference;
import dev.tango.core.tier.UnicodeText;
import dev.tango.models.drift.DriftParameters;
import dev.tango.models.registry.CalibrationPoint;
import dev.tango.models.registry.NewCalibration;
import dev.tango.runtime.json.JsonObject;

/**
 * The calibration a cascade descriptor records (its {@code calibration} block, as
 * {@code tango bench calibrate} writes it), as the registry's calibration result of the
 * seeded version: data set, policy, chosen thresholds, the block's scalar fields as
 * parameters, and the drift reference from the chosen point's {@code reach} and
 * {@code labelShares}. As curve, the chosen point alone (one point per gate: its
 * threshold, the cascade's accuracy and estimated speedup, the share of inputs going past
 * the gate); the descriptor keeps the whole curve in a file of its own.
 *
 * @param datasetName the calibration data set as the descriptor names it
 * @param datasetSha256 its sha256
 * @param policy the policy's name
 * @param parameters the block's scalar fields and the drift reference
 * @param thresholds the chosen threshold of each gate
 * @param chosen the chosen point, one per gate
 */
record DescriptorCalibration(String datasetName, String datasetSha256, String policy, Map<String, String> parameters,
		Map<Integer, Double> thresholds, List<CalibrationPoint> chosen) {

	private static final Set<String> NOT_PARAMETERS = Set.of("data", "dataSha256", "policy", "curve");

	private static final int MAX_TEXT = 2048;

	private static final int MAX_NAME = 256;

	/**
	 * Reads the calibration block of a descriptor.
	 * @param in the descriptor
	 * @param source its location, for messages
	 * @param labelCount the number of labels of the cascade
	 * @return the calibration, or {@code null} if the descriptor records none
	 * @throws IOException if the block is malformed
	 */
	static @Nullable DescriptorCalibration read(InputStream in, String source, int labelCount) throws IOException {
		JsonObject calibration = JsonObject.parse(in, source).optObject("calibration");
		if (calibration == null) {
			return null;
		}
		JsonObject chosen = calibration.object("chosen");
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String field : calibration.fieldNames()) {
			JsonNode value = calibration.node().get(field);
			if (!NOT_PARAMETERS.contains(field) && value.isValueNode() && !value.isNull()) {
				parameters.put(field, UnicodeText.abbreviate(value.asString(), MAX_TEXT));
			}
		}
		List<Double> thresholds = numbers(chosen.array("thresholds"));
		Map<Integer, Double> byGate = new LinkedHashMap<>();
		for (int gate = 0; gate < thresholds.size(); gate++) {
			byGate.put(gate, thresholds.get(gate));
		}
		List<Double> reach = new ArrayList<>(List.of(1.0));
		reach.addAll(numbers(chosen.array("reach")));
		List<List<Double>> shares = new ArrayList<>();
		if (chosen.has("labelShares")) {
			for (JsonNode tier : chosen.array("labelShares")) {
				List<Double> tierShares = new ArrayList<>();
				tier.forEach((share) -> tierShares.add(share.asDouble()));
				shares.add((tierShares.size() == labelCount) ? tierShares : List.of());
			}
		}
		while (shares.size() < reach.size()) {
			shares.add(List.of());
		}
		try {
			parameters.putAll(DriftParameters.encode(new DriftReference(reach, shares)));
		}
		catch (IllegalArgumentException ex) {
			throw chosen.error("reach or labelShares: " + ex.getMessage());
		}
		List<CalibrationPoint> points = new ArrayList<>();
		for (int gate = 0; gate < thresholds.size() && gate + 1 < reach.size(); gate++) {
			points.add(new CalibrationPoint(gate, thresholds.get(gate), chosen.number("accuracy"), reach.get(gate + 1),
					chosen.number("estimatedSpeedup")));
		}
		return new DescriptorCalibration(UnicodeText.abbreviate(calibration.string("data"), MAX_NAME),
				calibration.string("dataSha256"), calibration.string("policy"), parameters, byGate, points);
	}

	/**
	 * Returns the registry request for this calibration of a seeded version.
	 * @param cascade the cascade's name
	 * @param version the version seeded
	 * @param actor who records it
	 * @return the request
	 */
	NewCalibration forVersion(String cascade, int version, String actor) {
		return new NewCalibration(cascade, version, this.datasetName, this.datasetSha256, this.policy, this.parameters,
				this.thresholds, this.chosen, actor);
	}

	private static List<Double> numbers(List<JsonNode> nodes) {
		return nodes.stream().map(JsonNode::asDouble).toList();
	}

}
