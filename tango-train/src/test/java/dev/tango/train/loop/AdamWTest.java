package dev.tango.train.loop;

import java.util.List;
import java.util.concurrent.FutureTask;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * AdamW on the PyTorch engine against the update rule computed here in double precision,
 * for a loss {@code Σ c·w²} whose gradient is {@code 2·c·w}.
 */
class AdamWTest {

	private static final double LR = 0.1;

	private static final double DECAY = 0.1;

	@Test
	void updatesMatchDecoupledAdamWithoutDecayOnOneDimensionalParametersAndWithClipping() {
		float[] matrix = { 1.0f, -2.0f, 0.5f, 3.0f };
		float[] bias = { 0.4f, -0.1f };
		double[][] expected = { toDouble(matrix), toDouble(bias) };
		double[][][] moments = { { new double[4], new double[4] }, { new double[2], new double[2] } };
		double maxNorm = 2.0;
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			Parameter weight = parameter(manager, "weight", matrix, new Shape(2, 2));
			Parameter b = parameter(manager, "bias", bias, new Shape(2));
			try (AdamW adamw = new AdamW(List.of(weight, b), manager, 0.9, 0.999, 1e-8, DECAY)) {
				for (int step = 1; step <= 3; step++) {
					backward(manager, weight, b);
					double[][] gradients = { gradient(expected[0]), gradient(expected[1]) };
					double norm = Math.sqrt(sumOfSquares(gradients[0]) + sumOfSquares(gradients[1]));
					try (NDManager scope = manager.newSubManager()) {
						assertThat(adamw.step(scope, LR, maxNorm)).isCloseTo(norm, within(1e-4));
					}
					double scale = Math.min(1, maxNorm / norm);
					reference(expected[0], gradients[0], moments[0], step, scale, DECAY);
					reference(expected[1], gradients[1], moments[1], step, scale, 0);
				}
				assertThat(toDouble(weight.getArray().toFloatArray())).containsExactly(expected[0], within(1e-5));
				assertThat(toDouble(b.getArray().toFloatArray())).containsExactly(expected[1], within(1e-5));
				assertThat(toDouble(adamw.firstMoments().get(0).toFloatArray())).containsExactly(moments[0][0],
						within(1e-5));
				assertThat(adamw.steps()).isEqualTo(3);
				assertThat(weight.getArray().getGradient().toFloatArray()).containsOnly(0f);
			}
		}
	}

	@Test
	void restoredStateContinuesExactlyAsTheOriginal() {
		float[] start = { 1.0f, -2.0f, 0.5f, 3.0f };
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			Parameter original = parameter(manager, "w", start, new Shape(2, 2));
			Parameter copy = parameter(manager, "w", start, new Shape(2, 2));
			try (AdamW first = new AdamW(List.of(original), manager, 0.9, 0.999, 1e-8, DECAY);
					AdamW second = new AdamW(List.of(copy), manager, 0.9, 0.999, 1e-8, DECAY)) {
				for (int step = 0; step < 2; step++) {
					step(manager, first, original);
				}
				copy.getArray().set(original.getArray().toFloatArray());
				second.restore(first.steps(), new NDList(first.firstMoments().get(0).duplicate()),
						new NDList(first.secondMoments().get(0).duplicate()));
				step(manager, first, original);
				step(manager, second, copy);
				assertThat(copy.getArray().toFloatArray()).containsExactly(original.getArray().toFloatArray());
			}
		}
	}

	/**
	 * A thread that has never used the engine starts with PyTorch's grad mode on (it is
	 * per thread, and DJL turns it off only on the thread that loaded the engine); a step
	 * there updates the weights in place as on any other thread.
	 */
	@Test
	void stepsOnAThreadThatHasNeverUsedTheEngineAsOnThisOne() throws Exception {
		float[] start = { 1.0f, -2.0f, 0.5f, 3.0f };
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			Parameter here = parameter(manager, "w", start, new Shape(2, 2));
			Parameter there = parameter(manager, "w", start, new Shape(2, 2));
			try (AdamW onThisThread = new AdamW(List.of(here), manager, 0.9, 0.999, 1e-8, DECAY);
					AdamW onAFreshThread = new AdamW(List.of(there), manager, 0.9, 0.999, 1e-8, DECAY)) {
				for (int step = 0; step < 2; step++) {
					step(manager, onThisThread, here);
					FutureTask<Void> task = new FutureTask<>(() -> step(manager, onAFreshThread, there), null);
					Thread.ofPlatform().name("fresh-optimiser").start(task).join();
					task.get();
				}
				assertThat(there.getArray().toFloatArray()).containsExactly(here.getArray().toFloatArray())
					.doesNotContain(start[0]);
			}
		}
	}

	@Test
	void aNonFiniteGradientIsRefusedNamingItsParameterAndTheWeightsAreLeftAsTheyWere() {
		float[] matrix = { 1.0f, -2.0f, 0.5f, 3.0f };
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			Parameter weight = parameter(manager, "weight", matrix, new Shape(2, 2));
			Parameter scale = parameter(manager, "weight", new float[] { 0f, 1f }, new Shape(2));
			PairList<String, Parameter> named = new PairList<>();
			named.add("encoder_layer3_attention.self.query.weight", weight);
			named.add("encoder_layer3_attention.output.LayerNorm.weight", scale);
			try (AdamW adamw = new AdamW(named, manager, 0.9, 0.999, 1e-8, DECAY)) {
				try (NDManager scope = manager.newSubManager();
						GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
					// d/ds log(s) at s = 0 is infinite
					collector.backward(weight.getArray().square().sum().add(scale.getArray().log().sum()));
				}
				try (NDManager scope = manager.newSubManager()) {
					assertThatExceptionOfType(NonFiniteGradientException.class)
						.isThrownBy(() -> adamw.step(scope, LR, 1.0))
						.withMessageContaining(
								"encoder_layer3_attention.output.LayerNorm.weight (NaN or infinite values)")
						.withMessageNotContaining("query");
				}
				assertThat(weight.getArray().toFloatArray()).containsExactly(matrix);
				assertThat(adamw.steps()).isZero();
				// the gradients were zeroed, so that the run may skip the step and go on
				assertThat(weight.getArray().getGradient().toFloatArray()).containsOnly(0f);
				assertThat(scale.getArray().getGradient().toFloatArray()).containsOnly(0f);
				try (NDManager scope = manager.newSubManager();
						GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
					collector.backward(weight.getArray().square().sum());
				}
				try (NDManager scope = manager.newSubManager()) {
					assertThat(adamw.step(scope, LR, 1.0)).isFinite().isPositive();
				}
				assertThat(adamw.steps()).isOne();
				assertThat(weight.getArray().toFloatArray()).doesNotContain(matrix[0]);
			}
		}
	}

	private static void step(NDManager manager, AdamW adamw, Parameter parameter) {
		backward(manager, parameter);
		try (NDManager scope = manager.newSubManager()) {
			adamw.step(scope, LR, 0);
		}
	}

	private static Parameter parameter(NDManager manager, String name, float[] values, Shape shape) {
		NDArray array = manager.create(values, shape);
		array.setRequiresGradient(true);
		return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(array).build();
	}

	/**
	 * Back-propagates {@code Σ c·w²} with {@code c = 1, 2, 3, …} over each parameter's
	 * entries.
	 */
	private static void backward(NDManager manager, Parameter... parameters) {
		try (NDManager scope = manager.newSubManager();
				GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
			NDArray total = scope.zeros(new Shape());
			for (Parameter parameter : parameters) {
				NDArray w = parameter.getArray();
				NDArray c = scope.arange(1f, w.size() + 1f).reshape(w.getShape());
				total = total.add(c.mul(w.square()).sum());
			}
			collector.backward(total);
		}
	}

	private static double[] gradient(double[] w) {
		double[] g = new double[w.length];
		for (int i = 0; i < w.length; i++) {
			g[i] = 2 * (i + 1) * w[i];
		}
		return g;
	}

	private static void reference(double[] w, double[] g, double[][] moments, int step, double scale, double decay) {
		for (int i = 0; i < w.length; i++) {
			double gi = g[i] * scale;
			moments[0][i] = 0.9 * moments[0][i] + 0.1 * gi;
			moments[1][i] = 0.999 * moments[1][i] + 0.001 * gi * gi;
			double mHat = moments[0][i] / (1 - Math.pow(0.9, step));
			double vHat = moments[1][i] / (1 - Math.pow(0.999, step));
			w[i] = w[i] * (1 - LR * decay) - LR * mHat / (Math.sqrt(vHat) + 1e-8);
		}
	}

	private static double sumOfSquares(double[] values) {
		double sum = 0;
		for (double v : values) {
			sum += v * v;
		}
		return sum;
	}

	private static double[] toDouble(float[] values) {
		double[] result = new double[values.length];
		for (int i = 0; i < values.length; i++) {
			result[i] = values[i];
		}
		return result;
	}

}
