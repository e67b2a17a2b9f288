package dev.tango.core.tier;

import java.util.Objects;

/**
 * A tier's raw output for one input.
 *
 * @param logits one unnormalised score per label, in the order of {@link Tier#labels()};
 * the array is owned by the receiver and must not be modified by the tier afterwards
 * @param truncated whether the input was longer than the tier's
 * {@link Tier#maxInputTokens() maximum} and was cut to fit
 */
public record Scores(float[] logits, boolean truncated) {

	public Scores {
		Objects.requireNonNull(logits, "logits");
	}

}
