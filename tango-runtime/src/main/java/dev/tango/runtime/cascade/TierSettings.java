package dev.tango.runtime.cascade;

import java.util.Objects;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.confidence.ConfidenceMeasures;

/**
 * How a cascade routes inputs through one tier.
 *
 * @param batchSize the most inputs sent to the tier in one call, at least 1
 * @param confidence how confidence is computed from the tier's probabilities
 * @param temperature divides the logits before the activation, {@code > 0}
 * @param threshold the confidence in {@code [0, 1]} at or above which the tier answers;
 * ignored for the last tier
 */
public record TierSettings(int batchSize, ConfidenceMeasure confidence, double temperature, double threshold) {

	public TierSettings {
		Objects.requireNonNull(confidence, "confidence");
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		if (!(temperature > 0) || Double.isInfinite(temperature)) {
			throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
		}
		if (!(threshold >= 0 && threshold <= 1)) {
			throw new IllegalArgumentException("threshold must lie in [0, 1], was " + threshold);
		}
	}

	/**
	 * Returns the measure with a descriptor name, such as {@code max-probability},
	 * {@code margin} or {@code entropy}, or a plug-in measure's (see
	 * {@link ConfidenceMeasures#of}).
	 * @param name the name
	 * @return the measure
	 * @throws IllegalArgumentException if no measure has that name
	 */
	public static ConfidenceMeasure measure(String name) {
		return ConfidenceMeasures.of(name);
	}

	/**
	 * Returns the descriptor name of a measure.
	 * @param measure the measure
	 * @return the name, such as {@code max-probability}
	 */
	public static String name(ConfidenceMeasure measure) {
		return ConfidenceMeasures.id(measure);
	}

}
