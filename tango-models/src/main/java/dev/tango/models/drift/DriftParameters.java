package dev.tango.models.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tango.core.drift.DriftReference;
import dev.tango.models.registry.CalibrationResult;

/**
 * The drift reference as calibration parameters, the one shape in which every calibration
 * (the admin's jobs, the seeder's descriptors) records it and the API reads it:
 * <ul>
 * <li>{@code drift.escalation}: the fraction of the calibration set that reaches each
 * tier, comma-separated, the first 1;</li>
 * <li>{@code drift.tier<k>.labelShares}: the share of each label, in the cascade's label
 * order, among the answers tier {@code k} gave, comma-separated; absent for a tier that
 * answered none, or whose shares do not fit a parameter (over about 220 labels).</li>
 * </ul>
 */
public final class DriftParameters {

	/** The parameter with the reach of each tier. */
	public static final String ESCALATION = "drift.escalation";

	private static final int MAX_VALUE = 2048;

	private DriftParameters() {
	}

	/**
	 * Returns the name of a tier's label-share parameter.
	 * @param tier the tier's index
	 * @return {@code drift.tier<k>.labelShares}
	 */
	public static String labelShares(int tier) {
		return "drift.tier" + tier + ".labelShares";
	}

	/**
	 * Writes a reference as parameters.
	 * @param reference the reference
	 * @return the parameters, in tier order
	 */
	public static Map<String, String> encode(DriftReference reference) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put(ESCALATION, join(reference.reach()));
		for (int k = 0; k < reference.tierCount(); k++) {
			String shares = join(reference.labelShares().get(k));
			if (!shares.isEmpty() && shares.length() <= MAX_VALUE) {
				parameters.put(labelShares(k), shares);
			}
		}
		return parameters;
	}

	/**
	 * Reads a reference from a calibration's parameters.
	 * @param parameters the parameters
	 * @param tiers the number of tiers of the calibrated version
	 * @param labels the number of its labels
	 * @return the reference; empty if the parameters hold none, or one that does not fit
	 * the version
	 */
	public static Optional<DriftReference> decode(Map<String, String> parameters, int tiers, int labels) {
		String escalation = parameters.get(ESCALATION);
		if (escalation == null) {
			return Optional.empty();
		}
		try {
			List<Double> reach = split(escalation);
			if (reach.size() != tiers) {
				return Optional.empty();
			}
			List<List<Double>> shares = new ArrayList<>();
			for (int k = 0; k < tiers; k++) {
				String value = parameters.get(labelShares(k));
				List<Double> tierShares = (value != null) ? split(value) : List.of();
				shares.add((tierShares.size() == labels) ? tierShares : List.of());
			}
			return Optional.of(new DriftReference(reach, shares));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns the reference of the newest calibration that records one for the version.
	 * @param calibrations the version's calibrations
	 * @param tiers the number of tiers of the version
	 * @param labels the number of its labels
	 * @return the reference, or empty if none records one
	 */
	public static Optional<DriftReference> newest(List<CalibrationResult> calibrations, int tiers, int labels) {
		return calibrations.stream()
			.sorted(Comparator.comparing(CalibrationResult::createdAt).thenComparing(CalibrationResult::id).reversed())
			.map((calibration) -> decode(calibration.parameters(), tiers, labels))
			.flatMap(Optional::stream)
			.findFirst();
	}

	private static String join(List<Double> values) {
		List<String> parts = new ArrayList<>(values.size());
		values.forEach((value) -> parts.add(String.format(Locale.ROOT, "%.6f", value)));
		return String.join(",", parts);
	}

	private static List<Double> split(String value) {
		List<Double> values = new ArrayList<>();
		for (String part : value.split(",", -1)) {
			values.add(Double.parseDouble(part.strip()));
		}
		return values;
	}

}
