package dev.tango.train.fit;

import java.util.Random;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SoftmaxRegressionTest {

	private static final SoftmaxRegression.Options OPTIONS = new SoftmaxRegression.Options(500, 1e-7, 10, 2);

	@Test
	void gradientMatchesFiniteDifferences() {
		Random random = new Random(1);
		int[] y = random.ints(40, 0, 3).toArray();
		checkGradient(random, Targets.hard(y, 3));
	}

	@Test
	void gradientWithATeachersSoftenedProbabilitiesMatchesFiniteDifferences() {
		Random random = new Random(5);
		int[] y = random.ints(40, -1, 3).toArray();
		double[][] teacher = new double[40][];
		for (int i = 0; i < teacher.length; i++) {
			teacher[i] = probabilities(random, 3);
		}
		checkGradient(random, Targets.distilled(y, teacher, 0.3, 2.5));
		checkGradient(random, Targets.distilled(y, teacher, 0.0, 4.0));
	}

	@Test
	void aTeacherThatGivesTheLabelsAtTemperatureOneFitsTheModelOfThePlainLabels() {
		Random random = new Random(6);
		float[][] x = gaussian(random, 300, 4);
		int[] y = random.ints(300, 0, 3).toArray();
		double[][] oneHot = new double[300][3];
		for (int i = 0; i < y.length; i++) {
			oneHot[i][y[i]] = 1;
		}
		SoftmaxRegression.Model plain = SoftmaxRegression.fit(new DenseRows(x), y, 3, 1e-2, null, OPTIONS);
		SoftmaxRegression.Model taught = SoftmaxRegression.fit(new DenseRows(x),
				Targets.distilled(new int[300], oneHot, 0, 1), 1e-2, null, OPTIONS);
		assertThat(taught.converged()).isTrue();
		for (int k = 0; k < plain.parameters().length; k++) {
			assertThat(taught.parameters()[k]).isCloseTo(plain.parameters()[k], within(1e-6));
		}
		assertThat(SoftmaxRegression.loss(plain, new DenseRows(x), Targets.hard(y, 3)))
			.isCloseTo(SoftmaxRegression.evaluate(plain, new DenseRows(x), y).logLoss(), within(1e-9));
	}

	@Test
	void withoutFeaturesTheSoftenedBiasGivesTheTeachersMeanProbabilities() {
		Random random = new Random(7);
		double[][] teacher = new double[100][];
		double[] mean = new double[3];
		for (int i = 0; i < teacher.length; i++) {
			teacher[i] = probabilities(random, 3);
			for (int c = 0; c < 3; c++) {
				mean[c] += teacher[i][c] / teacher.length;
			}
		}
		int[] unlabelled = new int[100];
		java.util.Arrays.fill(unlabelled, -1);
		double temperature = 3;
		SoftmaxRegression.Model model = SoftmaxRegression.fit(new DenseRows(new float[100][2]),
				Targets.distilled(unlabelled, teacher, 0.5, temperature), 1e-3, null, OPTIONS);
		assertThat(model.converged()).isTrue();
		double[] softened = new double[3];
		for (int c = 0; c < 3; c++) {
			softened[c] = model.bias()[c] / temperature;
		}
		SoftmaxObjective.softmaxInPlace(softened);
		for (int c = 0; c < 3; c++) {
			assertThat(softened[c]).isCloseTo(mean[c], within(1e-5));
		}
	}

	@Test
	void targetsRefuseRowsWithoutALabelOrWithoutAProbabilityVector() {
		assertThatThrownBy(() -> Targets.hard(new int[] { 0, -1 }, 2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> Targets.distilled(new int[] { 0 }, new double[][] { { 0.5, 0.6 } }, 0.5, 2))
			.hasMessageContaining("sums to");
		assertThatThrownBy(() -> Targets.distilled(new int[] { 0 }, new double[][] { { 0.5, 0.5 } }, 1.5, 2))
			.hasMessageContaining("alpha");
		assertThatThrownBy(() -> Targets.distilled(new int[] { 0 }, new double[][] { { 0.5, 0.5 } }, 0.5, 0))
			.hasMessageContaining("temperature");
	}

	private static void checkGradient(Random random, Targets targets) {
		float[][] x = gaussian(random, targets.rows(), 5);
		SoftmaxObjective objective = new SoftmaxObjective(new DenseRows(x), targets, 0.1, new ForkJoinPool(2));
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

	private static double[] probabilities(Random random, int classes) {
		double[] p = new double[classes];
		double sum = 0;
		for (int c = 0; c < classes; c++) {
			p[c] = random.nextDouble() + 0.01;
			sum += p[c];
		}
		for (int c = 0; c < classes; c++) {
			p[c] /= sum;
		}
		return p;
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
