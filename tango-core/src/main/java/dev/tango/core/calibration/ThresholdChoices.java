package dev.tango.core.calibration;

import java.util.List;
import java.util.Locale;

/** Text shared by the policies' method statements. */
final class ThresholdChoices {

	private ThresholdChoices() {
	}

	/** Formats thresholds as {@code [0.9000, 0.8000]}. */
	static String format(List<Double> thresholds) {
		StringBuilder text = new StringBuilder("[");
		for (int k = 0; k < thresholds.size(); k++) {
			text.append((k > 0) ? ", " : "").append(String.format(Locale.ROOT, "%.4f", thresholds.get(k)));
		}
		return text.append(']').toString();
	}

}
