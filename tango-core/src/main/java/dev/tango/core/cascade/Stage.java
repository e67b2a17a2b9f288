package dev.tango.core.cascade;

import java.util.Objects;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Tier;

/**
 * One tier of a cascade with the settings that route inputs through it.
 *
 * @param tier the tier
 * @param settings how inputs are routed through the tier
 */
public record Stage(Tier tier, StageSettings settings) {

	public Stage {
		Objects.requireNonNull(tier, "tier");
		Objects.requireNonNull(settings, "settings");
	}

	/**
	 * Creates a stage from the settings' parts.
	 * @param tier the tier
	 * @param batchSize the most inputs sent to the tier in one call, at least 1
	 * @param measure how confidence is computed from the tier's probabilities
	 * @param temperature the temperature that divides the logits, greater than 0
	 * @param threshold the confidence threshold in {@code [0, 1]}
	 * @see StageSettings
	 */
	public Stage(Tier tier, int batchSize, ConfidenceMeasure measure, double temperature, double threshold) {
		this(tier, new StageSettings(batchSize, measure, temperature, threshold));
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

	/**
	 * Returns the most inputs sent to the tier in one call.
	 * @return the batch size, at least 1
	 */
	public int batchSize() {
		return this.settings.batchSize();
	}

	/**
	 * Returns how confidence is computed from the tier's probabilities.
	 * @return the measure
	 */
	public ConfidenceMeasure measure() {
		return this.settings.measure();
	}

	/**
	 * Returns the temperature that divides the logits before the activation.
	 * @return the temperature, greater than 0
	 */
	public double temperature() {
		return this.settings.temperature();
	}

	/**
	 * Returns the confidence at or above which the tier answers.
	 * @return the threshold in {@code [0, 1]}; ignored for the last tier
	 */
	public double threshold() {
		return this.settings.threshold();
	}

}
