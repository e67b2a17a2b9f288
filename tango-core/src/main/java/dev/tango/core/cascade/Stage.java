package dev.tango.core.cascade;

import java.util.Objects;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Tier;

/**
 * One tier of a cascade with the settings that route inputs through it.
 *
 * @param tier the tier
 * @param batchSize the most inputs sent to the tier in one call, at least 1
 * @param measure how confidence is computed from the tier's probabilities
 * @param temperature the temperature that divides the logits before the activation,
 * greater than 0 ({@code 1} leaves them as they are)
 * @param threshold the confidence in {@code [0, 1]} at or above which the tier answers;
 * an input below it moves on to the next tier. Ignored for the last tier, which always
 * answers
 */
public record Stage(Tier tier, int batchSize, ConfidenceMeasure measure, double temperature, double threshold) {

	public Stage {
		Objects.requireNonNull(tier, "tier");
		Objects.requireNonNull(measure, "measure");
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
	 * Returns a stage with the tier's preferred batch size, max-probability confidence,
	 * temperature 1 and the given threshold.
	 * @param tier the tier
	 * @param threshold the confidence threshold in {@code [0, 1]}
	 * @return the stage
	 */
	public static Stage of(Tier tier, double threshold) {
		return new Stage(tier, tier.preferredBatchSize(), ConfidenceMeasure.MAX_PROBABILITY, 1.0, threshold);
	}

}
