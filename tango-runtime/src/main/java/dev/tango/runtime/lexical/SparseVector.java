package dev.tango.runtime.lexical;

import java.util.Objects;

/**
 * A sparse feature vector: distinct indices in increasing order with their values.
 *
 * @param indices the indices of the non-zero features
 * @param values their values
 */
public record SparseVector(int[] indices, float[] values) {

	public SparseVector {
		Objects.requireNonNull(indices, "indices");
		Objects.requireNonNull(values, "values");
		if (indices.length != values.length) {
			throw new IllegalArgumentException("One value per index expected");
		}
	}

	/**
	 * Returns the number of non-zero features.
	 * @return the count
	 */
	public int size() {
		return this.indices.length;
	}

}
