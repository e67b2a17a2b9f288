package dev.tango.train.fit;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * The objective {@link SoftmaxRegression} minimises: the L2-regularised mean loss of a
 * softmax model against its {@link Targets} (the log-loss for plain labels), and its
 * gradient. Rows are scored in parallel in fixed chunks and gradients summed per class in
 * row order, so results do not depend on the parallelism. Not thread-safe: one
 * optimisation at a time.
 */
final class SoftmaxObjective {

	private static final int CHUNK = 512;

	private final FeatureRows x;

	private final Targets targets;

	private final int classes;

	private final int dimension;

	private final double l2;

	private final ForkJoinPool pool;

	private final double[][] residuals;

	private final double[] rowLoss;

	SoftmaxObjective(FeatureRows x, Targets targets, double l2, ForkJoinPool pool) {
		this.x = x;
		this.targets = targets;
		this.classes = targets.classes();
		this.dimension = x.dimension();
		this.l2 = l2;
		this.pool = pool;
		this.residuals = new double[x.rows()][this.classes];
		this.rowLoss = new double[x.rows()];
	}

	int classes() {
		return this.classes;
	}

	int dimension() {
		return this.dimension;
	}

	int size() {
		return this.classes * this.dimension + this.classes;
	}

	/** Returns f(theta) and writes its gradient into {@code gradient}. */
	double evaluate(double[] theta, double[] gradient) {
		int n = this.x.rows();
		int chunks = (n + CHUNK - 1) / CHUNK;
		this.pool.submit(() -> IntStream.range(0, chunks).parallel().forEach((chunk) -> {
			int end = Math.min(n, (chunk + 1) * CHUNK);
			double[] z = new double[this.classes];
			double[] scratch = new double[this.classes];
			for (int i = chunk * CHUNK; i < end; i++) {
				scores(theta, this.x, i, this.classes, this.dimension, z);
				this.rowLoss[i] = this.targets.loss(i, z, this.residuals[i], scratch);
			}
		})).join();
		double loss = 0;
		for (int i = 0; i < n; i++) {
			loss += this.rowLoss[i];
		}
		loss /= n;
		double inverse = 1.0 / n;
		int biasOffset = this.classes * this.dimension;
		this.pool.submit(() -> IntStream.range(0, this.classes).parallel().forEach((c) -> {
			int offset = c * this.dimension;
			Arrays.fill(gradient, offset, offset + this.dimension, 0.0);
			double biasSum = 0;
			for (int i = 0; i < n; i++) {
				double r = this.residuals[i][c];
				if (r != 0) {
					this.x.addTo(i, r, gradient, offset);
				}
				biasSum += r;
			}
			for (int d = 0; d < this.dimension; d++) {
				gradient[offset + d] = gradient[offset + d] * inverse + this.l2 * theta[offset + d];
			}
			gradient[biasOffset + c] = biasSum * inverse;
		})).join();
		double penalty = 0;
		for (int k = 0; k < biasOffset; k++) {
			penalty += theta[k] * theta[k];
		}
		return loss + 0.5 * this.l2 * penalty;
	}

	/** Writes the scores {@code z_c = W_c·x_row + b_c} of one row into {@code z}. */
	static void scores(double[] theta, FeatureRows x, int row, int classes, int dimension, double[] z) {
		int biasOffset = classes * dimension;
		for (int c = 0; c < classes; c++) {
			z[c] = theta[biasOffset + c] + x.dot(row, theta, c * dimension);
		}
	}

	/** Replaces scores by their softmax; returns log Σ exp of the scores. */
	static double softmaxInPlace(double[] z) {
		double max = Double.NEGATIVE_INFINITY;
		for (double v : z) {
			max = Math.max(max, v);
		}
		double sum = 0;
		for (int c = 0; c < z.length; c++) {
			z[c] = Math.exp(z[c] - max);
			sum += z[c];
		}
		for (int c = 0; c < z.length; c++) {
			z[c] /= sum;
		}
		return max + Math.log(sum);
	}

}
