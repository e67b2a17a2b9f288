package dev.tango.runtime.head;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A linear classifier: {@code logits = W·x + b} over {@code C} labels and {@code D}
 * features. Immutable by contract: the arrays are not copied and must not be modified.
 * Thread-safe.
 *
 * @param labels the {@code C} labels, distinct, in the order of the logits
 * @param weights {@code C} rows of {@code D} finite weights
 * @param bias {@code C} finite biases
 */
public record LinearHead(List<String> labels, float[][] weights, float[] bias) {

	public LinearHead {
		labels = List.copyOf(labels);
		Objects.requireNonNull(weights, "weights");
		Objects.requireNonNull(bias, "bias");
		if (labels.isEmpty()) {
			throw new IllegalArgumentException("A head needs at least one label");
		}
		if (new HashSet<>(labels).size() != labels.size()) {
			throw new IllegalArgumentException("Labels are not distinct: " + labels);
		}
		if (weights.length != labels.size()) {
			throw new IllegalArgumentException(
					"weights has " + weights.length + " rows for " + labels.size() + " labels");
		}
		if (bias.length != labels.size()) {
			throw new IllegalArgumentException("bias has " + bias.length + " values for " + labels.size() + " labels");
		}
		int dimension = weights[0].length;
		if (dimension < 1) {
			throw new IllegalArgumentException("weights have no columns");
		}
		for (int c = 0; c < weights.length; c++) {
			if (weights[c].length != dimension) {
				throw new IllegalArgumentException(
						"weights row " + c + " has " + weights[c].length + " columns, row 0 has " + dimension);
			}
			for (float w : weights[c]) {
				if (!Float.isFinite(w)) {
					throw new IllegalArgumentException("weights row " + c + " holds a non-finite value");
				}
			}
			if (!Float.isFinite(bias[c])) {
				throw new IllegalArgumentException("bias " + c + " is not finite");
			}
		}
	}

	/**
	 * Returns the feature dimension {@code D}.
	 * @return the dimension
	 */
	public int dimension() {
		return this.weights[0].length;
	}

	/**
	 * Returns the logits of a dense feature vector.
	 * @param x {@code D} features
	 * @return {@code C} new logits
	 */
	public float[] logits(float[] x) {
		if (x.length != dimension()) {
			throw new IllegalArgumentException("Expected " + dimension() + " features, got " + x.length);
		}
		float[] logits = new float[this.bias.length];
		for (int c = 0; c < logits.length; c++) {
			float[] w = this.weights[c];
			double sum = this.bias[c];
			for (int d = 0; d < w.length; d++) {
				sum += (double) w[d] * x[d];
			}
			logits[c] = (float) sum;
		}
		return logits;
	}

	/**
	 * Returns the logits of a sparse feature vector.
	 * @param indices the indices of the non-zero features, each in {@code [0, D)}
	 * @param values their values
	 * @return {@code C} new logits
	 */
	public float[] logits(int[] indices, float[] values) {
		float[] logits = new float[this.bias.length];
		for (int c = 0; c < logits.length; c++) {
			float[] w = this.weights[c];
			double sum = this.bias[c];
			for (int k = 0; k < indices.length; k++) {
				sum += (double) w[indices[k]] * values[k];
			}
			logits[c] = (float) sum;
		}
		return logits;
	}

}
