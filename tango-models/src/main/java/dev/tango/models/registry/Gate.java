package dev.tango.models.registry;

import java.util.Objects;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.confidence.ConfidenceMeasure;

/**
 * The gate after a tier: an input whose confidence is below the threshold goes on to the
 * next tier.
 *
 * @param threshold the confidence threshold, in {@code [0, 1]}
 * @param measure how confidence is measured from the tier's probabilities
 * @param temperature the softmax temperature applied to the tier's logits first, positive
 * (1 leaves them unchanged)
 */
public record Gate(double threshold, ConfidenceMeasure measure, double temperature) {

	public Gate {
		Objects.requireNonNull(measure, "measure");
	}

	/**
	 * A gate on the maximum probability at temperature 1.
	 * @param threshold the threshold
	 * @return the gate
	 */
	public static Gate maxProbability(double threshold) {
		return new Gate(threshold, ConfidenceMeasure.MAX_PROBABILITY, 1.0);
	}

	/**
	 * Returns the core stage settings of a tier with this gate.
	 * @param batchSize the tier's batch size, at least 1
	 * @return the settings
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public StageSettings settings(int batchSize) {
		return new StageSettings(batchSize, this.measure, this.temperature, this.threshold);
	}

}
