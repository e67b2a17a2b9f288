package dev.tango.runtime.fit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

/**
 * Multinomial (softmax) logistic regression with L2 regularisation, fitted by full-batch
 * L-BFGS.
 *
 * <p>
 * The objective, over {@code n} rows with features {@code x_i} and labels {@code y_i}, is
 * <pre>
 * f(W, b) = (1/n) Σ_i [ log Σ_c exp(z_ic) − z_i,y_i ] + (λ/2) ‖W‖²,   z_ic = W_c·x_i + b_c
 * </pre> (the bias is not regularised). It is smooth and, for {@code λ > 0}, strictly
 * convex in {@code W}, so it has one minimum, which L-BFGS reaches to the gradient
 * tolerance: the result does not depend on learning rates, epochs or the order of rows,
 * and the fitted probabilities are those of the regularised maximum-likelihood model,
 * which is what confidence thresholds are calibrated on.
 *
 * <p>
 * Why not a library: Tribuo's linear SGD trainer fits the same model only approximately
 * (stochastic steps, a learning-rate schedule and an epoch count to tune, L2 only through
 * its RDA optimiser) and needs every feature named as a string; liblinear's logistic
 * regression is one-vs-rest, which does not give softmax probabilities; Smile is GPL. The
 * optimiser here is about 150 lines, tested against finite differences and closed-form
 * cases.
 *
 * <p>
 * Deterministic: the same data, labels, strength and start give bit-identical results
 * whatever the parallelism. Rows are processed in parallel in fixed chunks, and gradients
 * are summed per class in row order.
 */
public final class SoftmaxRegression {

	private static final int CHUNK = 512;

	private static final double ARMIJO = 1e-4;

	private SoftmaxRegression() {
	}

	/**
	 * Fits a model.
	 * @param x the feature rows, at least one
	 * @param y each row's class in {@code [0, classes)}
	 * @param classes the number of classes, at least 2
	 * @param l2 the L2 strength {@code λ ≥ 0}
	 * @param start a model to start from (same shape), or {@code null} to start from zero
	 * @param options the optimiser settings
	 * @return the fitted model
	 */
	public static Model fit(FeatureRows x, int[] y, int classes, double l2, @Nullable Model start, Options options) {
		Objects.requireNonNull(x, "x");
		Objects.requireNonNull(options, "options");
		if (x.rows() == 0 || x.rows() != y.length) {
			throw new IllegalArgumentException("Expected one label per row and at least one row");
		}
		if (classes < 2) {
			throw new IllegalArgumentException("At least 2 classes are needed, got " + classes);
		}
		if (!(l2 >= 0) || Double.isInfinite(l2)) {
			throw new IllegalArgumentException("l2 must be a non-negative number, was " + l2);
		}
		for (int label : y) {
			if (label < 0 || label >= classes) {
				throw new IllegalArgumentException("Label " + label + " outside [0, " + classes + ")");
			}
		}
		int dimension = x.dimension();
		int size = classes * dimension + classes;
		double[] theta = new double[size];
		if (start != null) {
			if (start.classes() != classes || start.dimension() != dimension) {
				throw new IllegalArgumentException("Start model has another shape");
			}
			System.arraycopy(start.parameters(), 0, theta, 0, size);
		}
		ForkJoinPool pool = new ForkJoinPool(options.parallelism());
		try {
			return new Lbfgs(new Objective(x, y, classes, l2, pool), options).minimize(theta);
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * Returns the class probabilities of every row.
	 * @param model the model
	 * @param x the rows
	 * @return {@code rows × classes} probabilities
	 */
	public static double[][] probabilities(Model model, FeatureRows x) {
		double[][] result = new double[x.rows()][];
		for (int i = 0; i < x.rows(); i++) {
			double[] z = new double[model.classes()];
			scores(model.parameters(), x, i, model.classes(), model.dimension(), z);
			softmaxInPlace(z);
			result[i] = z;
		}
		return result;
	}

	/**
	 * Returns the accuracy and mean log-loss of a model on labelled rows.
	 * @param model the model
	 * @param x the rows, at least one
	 * @param y their classes
	 * @return the evaluation
	 */
	public static Evaluation evaluate(Model model, FeatureRows x, int[] y) {
		double[][] p = probabilities(model, x);
		int correct = 0;
		double loss = 0;
		for (int i = 0; i < p.length; i++) {
			int best = 0;
			for (int c = 1; c < p[i].length; c++) {
				if (p[i][c] > p[i][best]) {
					best = c;
				}
			}
			if (best == y[i]) {
				correct++;
			}
			loss -= Math.log(Math.max(p[i][y[i]], 1e-300));
		}
		return new Evaluation((double) correct / p.length, loss / p.length);
	}

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

	/**
	 * Optimiser settings.
	 *
	 * @param maxIterations the most L-BFGS iterations, at least 1
	 * @param gradientTolerance stop when the largest gradient component is at most this
	 * @param history the L-BFGS memory (pairs of vectors kept), at least 1; lowered
	 * automatically so that it holds at most about 256 MB
	 * @param parallelism threads for the objective, at least 1
	 */
	public record Options(int maxIterations, double gradientTolerance, int history, int parallelism) {

		public Options {
			if (maxIterations < 1 || history < 1 || parallelism < 1 || !(gradientTolerance > 0)) {
				throw new IllegalArgumentException("Invalid optimiser options");
			}
		}

		/**
		 * Returns the defaults: 500 iterations, gradient tolerance {@code 1e-5}, history
		 * 10, one thread per available processor.
		 * @return the defaults
		 */
		public static Options defaults() {
			return new Options(500, 1e-5, 10, Runtime.getRuntime().availableProcessors());
		}

		/**
		 * Returns a description for provenance.
		 * @return the description
		 */
		public String describe() {
			return "L-BFGS (history " + this.history + ", Armijo backtracking), full batch, stop at max |gradient| <= "
					+ this.gradientTolerance + " or " + this.maxIterations + " iterations";
		}

	}

	/**
	 * A fitted model.
	 *
	 * @param parameters {@code W} row-major ({@code classes × dimension}) followed by
	 * {@code b} ({@code classes})
	 * @param classes the number of classes
	 * @param dimension the number of features
	 * @param objective the objective's value at the parameters
	 * @param gradientNorm the largest gradient component at the parameters
	 * @param iterations the iterations run
	 * @param converged whether the gradient tolerance was reached
	 */
	public record Model(double[] parameters, int classes, int dimension, double objective, double gradientNorm,
			int iterations, boolean converged) {

		/**
		 * Returns the weights as floats.
		 * @return {@code classes × dimension} weights
		 */
		public float[][] weights() {
			float[][] w = new float[this.classes][this.dimension];
			for (int c = 0; c < this.classes; c++) {
				for (int d = 0; d < this.dimension; d++) {
					w[c][d] = (float) this.parameters[c * this.dimension + d];
				}
			}
			return w;
		}

		/**
		 * Returns the biases as floats.
		 * @return {@code classes} biases
		 */
		public float[] bias() {
			float[] b = new float[this.classes];
			for (int c = 0; c < this.classes; c++) {
				b[c] = (float) this.parameters[this.classes * this.dimension + c];
			}
			return b;
		}

	}

	/**
	 * How well a model fits labelled rows.
	 *
	 * @param accuracy the fraction of rows whose most probable class is their label
	 * @param logLoss the mean negative log-probability of the labels
	 */
	public record Evaluation(double accuracy, double logLoss) {

	}

	/** The regularised mean log-loss and its gradient. */
	static final class Objective {

		private final FeatureRows x;

		private final int[] y;

		private final int classes;

		private final int dimension;

		private final double l2;

		private final ForkJoinPool pool;

		private final double[][] residuals;

		private final double[] rowLoss;

		Objective(FeatureRows x, int[] y, int classes, double l2, ForkJoinPool pool) {
			this.x = x;
			this.y = y;
			this.classes = classes;
			this.dimension = x.dimension();
			this.l2 = l2;
			this.pool = pool;
			this.residuals = new double[x.rows()][classes];
			this.rowLoss = new double[x.rows()];
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
				for (int i = chunk * CHUNK; i < end; i++) {
					double[] z = this.residuals[i];
					scores(theta, this.x, i, this.classes, this.dimension, z);
					double zy = z[this.y[i]];
					double logSum = softmaxInPlace(z);
					this.rowLoss[i] = logSum - zy;
					z[this.y[i]] -= 1;
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
				java.util.Arrays.fill(gradient, offset, offset + this.dimension, 0.0);
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

	}

	/** Limited-memory BFGS with backtracking (Armijo) line search. */
	static final class Lbfgs {

		private final Objective objective;

		private final Options options;

		Lbfgs(Objective objective, Options options) {
			this.objective = objective;
			this.options = options;
		}

		Model minimize(double[] theta) {
			int size = this.objective.size();
			long budget = 256L * 1024 * 1024 / (16L * size);
			int history = (int) Math.max(1, Math.min(this.options.history(), budget));
			Deque<double[][]> memory = new ArrayDeque<>();
			double[] gradient = new double[size];
			double f = this.objective.evaluate(theta, gradient);
			double[] next = new double[size];
			double[] nextGradient = new double[size];
			double[] direction = new double[size];
			int iteration = 0;
			boolean converged = maxAbs(gradient) <= this.options.gradientTolerance();
			int stalls = 0;
			while (!converged && iteration < this.options.maxIterations()) {
				iteration++;
				twoLoop(gradient, memory, direction);
				double slope = dot(gradient, direction);
				if (!(slope < 0)) {
					memory.clear();
					for (int k = 0; k < size; k++) {
						direction[k] = -gradient[k];
					}
					slope = dot(gradient, direction);
				}
				double step = memory.isEmpty() ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
				double fNext = Double.NaN;
				boolean accepted = false;
				for (int tries = 0; tries < 50; tries++) {
					for (int k = 0; k < size; k++) {
						next[k] = theta[k] + step * direction[k];
					}
					fNext = this.objective.evaluate(next, nextGradient);
					if (fNext <= f + ARMIJO * step * slope) {
						accepted = true;
						break;
					}
					step *= 0.5;
				}
				if (!accepted) {
					break;
				}
				double[] s = new double[size];
				double[] yv = new double[size];
				for (int k = 0; k < size; k++) {
					s[k] = next[k] - theta[k];
					yv[k] = nextGradient[k] - gradient[k];
				}
				double sy = dot(s, yv);
				if (sy > 1e-12 * Math.sqrt(dot(yv, yv) * dot(s, s))) {
					memory.addLast(new double[][] { s, yv });
					if (memory.size() > history) {
						memory.removeFirst();
					}
				}
				double decrease = f - fNext;
				System.arraycopy(next, 0, theta, 0, size);
				System.arraycopy(nextGradient, 0, gradient, 0, size);
				f = fNext;
				converged = maxAbs(gradient) <= this.options.gradientTolerance();
				stalls = (decrease <= 1e-14 * Math.max(1.0, Math.abs(f))) ? stalls + 1 : 0;
				if (stalls >= 5) {
					break;
				}
			}
			return new Model(theta, this.objective.classes, this.objective.dimension, f, maxAbs(gradient), iteration,
					converged);
		}

		/** direction = −H·gradient by the two-loop recursion. */
		private static void twoLoop(double[] gradient, Deque<double[][]> memory, double[] direction) {
			int size = gradient.length;
			System.arraycopy(gradient, 0, direction, 0, size);
			double[] alphas = new double[memory.size()];
			int index = memory.size() - 1;
			var newestFirst = memory.descendingIterator();
			while (newestFirst.hasNext()) {
				double[][] pair = newestFirst.next();
				double alpha = dot(pair[0], direction) / dot(pair[0], pair[1]);
				alphas[index--] = alpha;
				axpy(-alpha, pair[1], direction);
			}
			if (!memory.isEmpty()) {
				double[][] last = memory.peekLast();
				double gamma = dot(last[0], last[1]) / dot(last[1], last[1]);
				for (int k = 0; k < size; k++) {
					direction[k] *= gamma;
				}
			}
			index = 0;
			for (double[][] pair : memory) {
				double beta = dot(pair[1], direction) / dot(pair[0], pair[1]);
				axpy(alphas[index++] - beta, pair[0], direction);
			}
			for (int k = 0; k < size; k++) {
				direction[k] = -direction[k];
			}
		}

		private static double dot(double[] a, double[] b) {
			double sum = 0;
			for (int k = 0; k < a.length; k++) {
				sum += a[k] * b[k];
			}
			return sum;
		}

		private static void axpy(double a, double[] x, double[] y) {
			for (int k = 0; k < x.length; k++) {
				y[k] += a * x[k];
			}
		}

		private static double maxAbs(double[] v) {
			double max = 0;
			for (double value : v) {
				max = Math.max(max, Math.abs(value));
			}
			return max;
		}

	}

}
