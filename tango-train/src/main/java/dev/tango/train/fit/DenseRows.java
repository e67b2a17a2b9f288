package dev.tango.train.fit;

import java.util.Objects;

/**
 * Dense feature rows, such as sentence embeddings.
 *
 * @param vectors the rows, all of the same positive length; not copied, must not change
 */
public record DenseRows(float[][] vectors) implements FeatureRows {

	public DenseRows {
		Objects.requireNonNull(vectors, "vectors");
		if (vectors.length > 0) {
			int dimension = vectors[0].length;
			for (float[] row : vectors) {
				if (row.length != dimension) {
					throw new IllegalArgumentException("Rows differ in length");
				}
			}
		}
	}

	@Override
	public int rows() {
		return this.vectors.length;
	}

	@Override
	public int dimension() {
		return (this.vectors.length > 0) ? this.vectors[0].length : 0;
	}

	@Override
	public double dot(int row, double[] w, int offset) {
		float[] x = this.vectors[row];
		double sum = 0;
		for (int d = 0; d < x.length; d++) {
			sum += x[d] * w[offset + d];
		}
		return sum;
	}

	@Override
	public void addTo(int row, double scale, double[] target, int offset) {
		float[] x = this.vectors[row];
		for (int d = 0; d < x.length; d++) {
			target[offset + d] += scale * x[d];
		}
	}

	/**
	 * Returns the rows at the given positions.
	 * @param positions row indices
	 * @return a new view holding those rows
	 */
	public DenseRows select(int[] positions) {
		float[][] selected = new float[positions.length][];
		for (int i = 0; i < positions.length; i++) {
			selected[i] = this.vectors[positions[i]];
		}
		return new DenseRows(selected);
	}

}
