package dev.tango.train.fit;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limited-memory BFGS with backtracking (Armijo) line search, minimising a
 * {@link SoftmaxObjective} for {@link SoftmaxRegression}. Stops at the gradient
 * tolerance, the iteration limit, a line search that finds no decrease, or five
 * iterations in a row that barely decrease the objective.
 */
final class Lbfgs {

	private static final double ARMIJO = 1e-4;

	private final SoftmaxObjective objective;

	private final SoftmaxRegression.Options options;

	Lbfgs(SoftmaxObjective objective, SoftmaxRegression.Options options) {
		this.objective = objective;
		this.options = options;
	}

	SoftmaxRegression.Model minimize(double[] theta) {
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
		return new SoftmaxRegression.Model(theta, this.objective.classes(), this.objective.dimension(), f,
				maxAbs(gradient), iteration, converged);
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
