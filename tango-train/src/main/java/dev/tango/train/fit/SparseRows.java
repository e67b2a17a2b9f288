package dev.tango.train.fit;

import java.util.List;
import java.util.Objects;

import dev.tango.runtime.lexical.SparseVector;

/**
 * Sparse feature rows, such as hashed lexical features.
 *
 * @param vectors the rows; indices must lie in {@code [0, dimension)}
 * @param dimension the number of features
 */
public record SparseRows(List<SparseVector> vectors, int dimension) implements FeatureRows {

	public SparseRows {
		vectors = List.copyOf(vectors);
		Objects.requireNonNull(vectors, "vectors");
		if (dimension < 1) {
			throw new IllegalArgumentException("dimension must be positive");
		}
		for (SparseVector v : vectors) {
			for (int index : v.indices()) {
				if (index < 0 || index >= dimension) {
					throw new IllegalArgumentException("Feature index " + index + " outside [0, " + dimension + ")");
				}
			}
		}
	}

	@Override
	public int rows() {
		return this.vectors.size();
	}

	@Override
	public double dot(int row, double[] w, int offset) {
		SparseVector x = this.vectors.get(row);
		int[] indices = x.indices();
		float[] values = x.values();
		double sum = 0;
		for (int k = 0; k < indices.length; k++) {
			sum += values[k] * w[offset + indices[k]];
		}
		return sum;
	}

	@Override
	public void addTo(int row, double scale, double[] target, int offset) {
		SparseVector x = this.vectors.get(row);
		int[] indices = x.indices();
		float[] values = x.values();
		for (int k = 0; k < indices.length; k++) {
			target[offset + indices[k]] += scale * values[k];
		}
	}

	/**
	 * Returns the rows at the given positions.
	 * @param positions row indices
	 * @return a new view holding those rows
	 */
	public SparseRows select(int[] positions) {
		SparseVector[] selected = new SparseVector[positions.length];
		for (int i = 0; i < positions.length; i++) {
			selected[i] = this.vectors.get(positions[i]);
		}
		return new SparseRows(List.of(selected), this.dimension);
	}

}
