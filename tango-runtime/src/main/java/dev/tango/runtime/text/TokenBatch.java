package dev.tango.runtime.text;

import java.util.Objects;

/**
 * A batch of tokenised inputs padded to the longest one, as the tensors a BERT-style
 * model takes. Arrays are row-major {@code size × sequenceLength}; padding positions have
 * attention mask 0.
 *
 * @param size the number of inputs
 * @param sequenceLength the padded length, the longest input's token count (at least 1)
 * @param inputIds the token ids
 * @param attentionMask 1 for a real token, 0 for padding
 * @param typeIds the token type (segment) ids: 0 for the first text, 1 for the second
 * text of a pair
 * @param lengths each input's token count
 * @param truncated whether each input was cut to the tokenizer's maximum
 */
public record TokenBatch(int size, int sequenceLength, long[] inputIds, long[] attentionMask, long[] typeIds,
		int[] lengths, boolean[] truncated) {

	public TokenBatch {
		Objects.requireNonNull(inputIds, "inputIds");
		Objects.requireNonNull(attentionMask, "attentionMask");
		Objects.requireNonNull(typeIds, "typeIds");
		Objects.requireNonNull(lengths, "lengths");
		Objects.requireNonNull(truncated, "truncated");
		int cells = size * sequenceLength;
		if (inputIds.length != cells || attentionMask.length != cells || typeIds.length != cells
				|| lengths.length != size || truncated.length != size) {
			throw new IllegalArgumentException("Inconsistent token batch of " + size + " x " + sequenceLength);
		}
	}

}
