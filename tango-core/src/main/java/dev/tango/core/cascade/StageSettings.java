package dev.tango.core.cascade;

import java.util.Objects;

import dev.tango.core.confidence.ConfidenceMeasure;

/**
 * How a cascade routes inputs through one tier: the one shape of a stage's settings,
 * whether they come from a descriptor file, from the registry or from a calibration.
 *
 * @param batchSize the most inputs sent to the tier in one call, at least 1
 * @param measure how confidence is computed from the tier's probabilities
 * @param temperature the temperature that divides the logits before the activation,
 * greater than 0 ({@code 1} leaves them as they are)
 * @param threshold the confidence in {@code [0, 1]} at or above which the tier answers;
 * an input below it moves on to the next tier. Ignored for the last tier, which always
 * answers
 */
public record StageSettings(int batchSize, ConfidenceMeasure measure, double temperature, double threshold) {

	public StageSettings {
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
	 * Returns the settings of a last tier, which always answers: max-probability
	 * confidence, temperature 1 and threshold 0.
	 * @param batchSize the most inputs sent to the tier in one call, at least 1
	 * @return the settings
	 */
	public static StageSettings answering(int batchSize) {
		return new StageSettings(batchSize, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.0);
	}

	/**
	 * Returns these settings with another batch size.
	 * @param batchSize the most inputs sent to the tier in one call, at least 1
	 * @return the settings
	 */
	public StageSettings withBatchSize(int batchSize) {
		return new StageSettings(batchSize, this.measure, this.temperature, this.threshold);
	}

	/**
	 * Returns these settings with another threshold.
	 * @param threshold the confidence threshold in {@code [0, 1]}
	 * @return the settings
	 */
	public StageSettings withThreshold(double threshold) {
		return new StageSettings(this.batchSize, this.measure, this.temperature, threshold);
	}

}
