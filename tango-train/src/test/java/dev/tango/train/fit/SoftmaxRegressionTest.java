package dev.tango.train.fit;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftmaxRegressionTest {

	private static final SoftmaxRegression.Options OPTIONS = new SoftmaxRegression.Options(500, 1e-7, 10, 2);

	@Test
	void gradientMatchesFiniteDifferences() {
		Random random = new Random(1);
		float[][] x = gaussian(random, 40, 5);
		int[] y = random.ints(40, 0, 3).toArray();
		SoftmaxObjective objective = new SoftmaxObjective(new DenseRows(x), y, 3, 0.1, new ForkJoinPool(2));
		double[] theta = random.doubles(objective.size(), -1, 1).toArray();
		double[] gradient = new double[theta.length];
		objective.evaluate(theta, gradient);
		double h = 1e-6;
		for (int k = 0; k < theta.length; k++) {
			double[] plus = theta.clone();
			double[] minus = theta.clone();
			plus[k] += h;
			minus[k] -= h;
			double numeric = (objective.evaluate(plus, new double[theta.length])
					- objective.evaluate(minus, new double[theta.length])) / (2 * h);
			assertThat(gradient[k]).as("component %d", k).isCloseTo(numeric, within(1e-6));
		}
	}

	@Test
	void withoutFeaturesTheBiasGivesTheClassFrequencies() {
		float[][] x = new float[100][3];
		int[] y = new int[100];
		for (int i = 0; i < 100; i++) {
			y[i] = (i < 20) ? 0 : (i < 50) ? 1 : 2;
		}
		SoftmaxRegression.Model model = SoftmaxRegression.fit(new DenseRows(x), y, 3, 1e-3, null, OPTIONS);
		assertThat(model.converged()).isTrue();
		double[] p = SoftmaxRegression.probabilities(model, new DenseRows(new float[][] { new float[3] }))[0];
		assertThat(p[0]).isCloseTo(0.2, within(1e-6));
		assertThat(p[1]).isCloseTo(0.3, within(1e-6));
		assertThat(p[2]).isCloseTo(0.5, within(1e-6));
	}

	@Test
	void separatesSeparableClassesAndRegularisationShrinksWeights() {
		Random random = new Random(2);
		int n = 300;
		float[][] x = new float[n][2];
		int[] y = new int[n];
		double[][] centres = { { 3, 0 }, { -3, 3 }, { -3, -3 } };
		for (int i = 0; i < n; i++) {
			y[i] = i % 3;
			x[i][0] = (float) (centres[y[i]][0] + random.nextGaussian() * 0.5);
			x[i][1] = (float) (centres[y[i]][1] + random.nextGaussian() * 0.5);
		}
		DenseRows rows = new DenseRows(x);
		SoftmaxRegression.Model weak = SoftmaxRegression.fit(rows, y, 3, 1e-4, null, OPTIONS);
		SoftmaxRegression.Model strong = SoftmaxRegression.fit(rows, y, 3, 1.0, null, OPTIONS);
		assertThat(SoftmaxRegression.evaluate(weak, rows, y).accuracy()).isEqualTo(1.0);
		assertThat(weak.converged()).isTrue();
		assertThat(strong.converged()).isTrue();
		assertThat(norm(strong.weights())).isLessThan(norm(weak.weights()));
		assertThat(SoftmaxRegression.evaluate(weak, rows, y).logLoss())
			.isLessThan(SoftmaxRegression.evaluate(strong, rows, y).logLoss());
	}

	@Test
	void isBitIdenticalWhateverTheParallelism() {
		Random random = new Random(3);
		float[][] x = gaussian(random, 2000, 16);
		int[] y = random.ints(2000, 0, 4).toArray();
		SoftmaxRegression.Model one = SoftmaxRegression.fit(new DenseRows(x), y, 4, 1e-3, null,
				new SoftmaxRegression.Options(100, 1e-6, 10, 1));
		SoftmaxRegression.Model four = SoftmaxRegression.fit(new DenseRows(x), y, 4, 1e-3, null,
				new SoftmaxRegression.Options(100, 1e-6, 10, 4));
		assertThat(four.parameters()).isEqualTo(one.parameters());
	}

	@Test
	void sparseAndDenseRowsGiveTheSameModel() {
		Random random = new Random(4);
		float[][] x = gaussian(random, 200, 6);
		java.util.List<dev.tango.runtime.lexical.SparseVector> sparse = new java.util.ArrayList<>();
		for (float[] row : x) {
			sparse.add(new dev.tango.runtime.lexical.SparseVector(new int[] { 0, 1, 2, 3, 4, 5 }, row.clone()));
		}
		int[] y = random.ints(200, 0, 2).toArray();
		SoftmaxRegression.Model dense = SoftmaxRegression.fit(new DenseRows(x), y, 2, 1e-2, null, OPTIONS);
		SoftmaxRegression.Model fromSparse = SoftmaxRegression.fit(new SparseRows(sparse, 6), y, 2, 1e-2, null,
				OPTIONS);
		for (int k = 0; k < dense.parameters().length; k++) {
			assertThat(fromSparse.parameters()[k]).isCloseTo(dense.parameters()[k], within(1e-6));
		}
	}

	private static float[][] gaussian(Random random, int n, int d) {
		float[][] x = new float[n][d];
		for (float[] row : x) {
			for (int j = 0; j < d; j++) {
				row[j] = (float) random.nextGaussian();
			}
		}
		return x;
	}

	private static double norm(float[][] w) {
		double sum = 0;
		for (float[] row : w) {
			for (float v : row) {
				sum += v * v;
			}
		}
		return Math.sqrt(sum);
	}

}
