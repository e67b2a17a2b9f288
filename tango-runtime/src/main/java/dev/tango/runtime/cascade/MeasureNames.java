package dev.tango.runtime.cascade;

import java.util.Locale;

import dev.tango.core.confidence.ConfidenceMeasure;

/**
 * The names of confidence measures in descriptor files: {@code max-probability},
 * {@code margin}, {@code entropy}.
 */
public final class MeasureNames {

	private MeasureNames() {
	}

	/**
	 * Returns the measure with a descriptor name (case-insensitive; underscores also
	 * accepted).
	 * @param name the name
	 * @return the measure
	 * @throws IllegalArgumentException if no measure has that name
	 */
	public static ConfidenceMeasure measure(String name) {
		String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		try {
			return ConfidenceMeasure.valueOf(normalized);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown confidence measure '" + name + "': use max-probability, margin or entropy", ex);
		}
	}

	/**
	 * Returns the descriptor name of a measure.
	 * @param measure the measure
	 * @return the name, such as {@code max-probability}
	 */
	public static String name(ConfidenceMeasure measure) {
		return measure.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
