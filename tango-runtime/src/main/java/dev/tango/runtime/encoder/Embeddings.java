package dev.tango.runtime.encoder;

import java.util.Objects;

/**
 * The embeddings of a batch of inputs.
 *
 * @param vectors one vector per input, in input order
 * @param truncated whether each input was cut to the encoder's maximum tokens
 */
public record Embeddings(float[][] vectors, boolean[] truncated) {

	public Embeddings {
		Objects.requireNonNull(vectors, "vectors");
		Objects.requireNonNull(truncated, "truncated");
		if (vectors.length != truncated.length) {
			throw new IllegalArgumentException("One truncation flag per vector expected");
		}
	}

	/**
	 * Returns the number of inputs.
	 * @return the count
	 */
	public int size() {
		return this.vectors.length;
	}

}
