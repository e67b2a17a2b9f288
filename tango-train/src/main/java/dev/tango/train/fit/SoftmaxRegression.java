package dev.tango.train.fit;

import java.util.Objects;
import java.util.concurrent.ForkJoinPool;

import org.jspecify.annotations.Nullable;

/**
 * Multinomial (softmax) logistic regression with L2 regularisation, fitted by full-batch
 * L-BFGS.
 *
 * <p>
 * The objective, over {@code n} rows with features {@code x_i} and labels {@code y_i}, is
 * <pre>
 * f(W, b) = (1/n) Σ_i [ log Σ_c exp(z_ic) − z_i,y_i ] + (λ/2) ‖W‖²,   z_ic = W_c·x_i + b_c
 * </pre> (the bias is not regularised). With a teacher's probabilities as targets (see
 * {@link Targets}) the log-loss becomes a cross-entropy against them, mixed with the
 * labels'; the same function, whose plain-label case is the one above. It is smooth and,
 * for {@code λ > 0}, strictly convex in {@code W}, so it has one minimum, which L-BFGS
 * reaches to the gradient tolerance: the result does not depend on learning rates, epochs
 * or the order of rows, and the fitted probabilities are those of the regularised
 * maximum-likelihood model, which is what confidence thresholds are calibrated on.
 *
 * <p>
 * Why not a library: Tribuo's linear SGD trainer fits the same model only approximately
 * (stochastic steps, a learning-rate schedule and an epoch count to tune, L2 only through
 * its RDA optimiser) and needs every feature named as a string; liblinear's logistic
 * regression is one-vs-rest, which does not give softmax probabilities; Smile is GPL. The
 * optimiser ({@link Lbfgs}) is about 150 lines, tested against finite differences and
 * closed-form cases.
 *
 * <p>
 * Deterministic: the same data, labels, strength and start give bit-identical results
 * whatever the parallelism. Rows are processed in parallel in fixed chunks, and gradients
 * are summed per class in row order.
 */
public final class SoftmaxRegression {

	private SoftmaxRegression() {
	}

	/**
	 * Fits a model to plain labels:
	 * {@link #fit(FeatureRows, Targets, double, Model, Options)} with
	 * {@link Targets#hard}.
	 * @param x the feature rows, at least one
	 * @param y each row's class in {@code [0, classes)}
	 * @param classes the number of classes, at least 2
	 * @param l2 the L2 strength {@code λ ≥ 0}
	 * @param start a model to start from (same shape), or {@code null} to start from zero
	 * @param options the optimiser settings
	 * @return the fitted model
	 */
	public static Model fit(FeatureRows x, int[] y, int classes, double l2, @Nullable Model start, Options options) {
		return fit(x, Targets.hard(y, classes), l2, start, options);
	}

	/**
	 * Fits a model to targets: minimises their mean loss (see {@link Targets}) plus
	 * {@code (λ/2) ‖W‖²}.
	 * @param x the feature rows, at least one
	 * @param targets one target per row
	 * @param l2 the L2 strength {@code λ ≥ 0}
	 * @param start a model to start from (same shape), or {@code null} to start from zero
	 * @param options the optimiser settings
	 * @return the fitted model
	 */
	public static Model fit(FeatureRows x, Targets targets, double l2, @Nullable Model start, Options options) {
		Objects.requireNonNull(x, "x");
		Objects.requireNonNull(targets, "targets");
		Objects.requireNonNull(options, "options");
		if (x.rows() == 0 || x.rows() != targets.rows()) {
			throw new IllegalArgumentException("Expected one target per row and at least one row");
		}
		if (!(l2 >= 0) || Double.isInfinite(l2)) {
			throw new IllegalArgumentException("l2 must be a non-negative number, was " + l2);
		}
		int classes = targets.classes();
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
			return new Lbfgs(new SoftmaxObjective(x, targets, l2, pool), options).minimize(theta);
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * Returns the mean loss of a model against targets, without the L2 penalty: the
	 * held-out measure that chooses the L2 strength.
	 * @param model the model
	 * @param x the rows, at least one
	 * @param targets their targets
	 * @return the mean loss (the mean log-loss for plain labels)
	 */
	public static double loss(Model model, FeatureRows x, Targets targets) {
		if (x.rows() == 0 || x.rows() != targets.rows()) {
			throw new IllegalArgumentException("Expected one target per row and at least one row");
		}
		double[] z = new double[model.classes()];
		double[] gradient = new double[model.classes()];
		double[] scratch = new double[model.classes()];
		double sum = 0;
		for (int i = 0; i < x.rows(); i++) {
			SoftmaxObjective.scores(model.parameters(), x, i, model.classes(), model.dimension(), z);
			sum += targets.loss(i, z, gradient, scratch);
		}
		return sum / x.rows();
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
			SoftmaxObjective.scores(model.parameters(), x, i, model.classes(), model.dimension(), z);
			SoftmaxObjective.softmaxInPlace(z);
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

}
