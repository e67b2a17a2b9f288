package dev.tango.core.cascade;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a cascade for one input.
 *
 * @param labelIndex the index of the predicted label in the answering tier's labels
 * @param label the predicted label
 * @param confidence the answering tier's confidence in {@code [0, 1]}
 * @param probabilities the answering tier's probability per label, or {@code null} when
 * not requested
 * @param tier the zero-based index of the tier that answered
 * @param truncated whether the answering tier cut the input to its maximum length
 */
public record Prediction(int labelIndex, String label, double confidence, float @Nullable [] probabilities, int tier,
		boolean truncated) {

}
