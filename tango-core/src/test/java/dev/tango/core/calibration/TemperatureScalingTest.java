package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class TemperatureScalingTest {

	@Test
	void matchesTheClosedFormForOneMargin() {
		// every input has logits (2, 0); 80% are label 0. The likelihood is largest where
		// sigmoid(2 / T) = 0.8, that is T = 2 / ln 4
		List<float[]> logits = new ArrayList<>();
		int[] labels = new int[100];
		for (int i = 0; i < 100; i++) {
			logits.add(new float[] { 2, 0 });
			labels[i] = (i < 80) ? 0 : 1;
		}

		TemperatureScaling scaling = TemperatureScaling.fit(logits, labels);

		assertThat(scaling.temperature()).isCloseTo(2 / Math.log(4), within(1e-5));
		// mean NLL at the optimum: the entropy of (0.8, 0.2) in nats
		assertThat(scaling.nllAfter()).isCloseTo(-(0.8 * Math.log(0.8) + 0.2 * Math.log(0.2)), within(1e-9));
		assertThat(scaling.nllBefore()).isCloseTo(0.8 * Math.log1p(Math.exp(-2)) + 0.2 * Math.log1p(Math.exp(2)),
				within(1e-9));
		assertThat(scaling.size()).isEqualTo(100);
	}

	@Test
	void aTierRightEverywhereGetsTheLowestTemperature() {
		TemperatureScaling scaling = TemperatureScaling.fit(List.of(new float[] { 1, 0, 0 }, new float[] { 0, 2, 1 }),
				new int[] { 0, 1 });

		assertThat(scaling.temperature()).isCloseTo(TemperatureScaling.MIN_TEMPERATURE, within(1e-5));
	}

	@Test
	void badInputsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> TemperatureScaling.fit(List.of(), new int[0]));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TemperatureScaling.fit(List.of(new float[] { Float.NaN, 0 }), new int[] { 0 }))
			.withMessageContaining("not finite");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TemperatureScaling.fit(List.of(new float[] { 1, 0 }), new int[] { 2 }))
			.withMessageContaining("out of range");
		assertThatIllegalArgumentException().isThrownBy(
				() -> TemperatureScaling.fit(List.of(new float[] { 1, 0 }, new float[] { 1 }), new int[] { 0, 0 }));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void theFittedTemperatureMinimisesTheLikelihood(long seed) {
		RandomGenerator random = Seeds.random(seed);
		int classes = random.nextInt(2, 6);
		int size = random.nextInt(5, 300);
		double scale = random.nextDouble(0.2, 8);
		List<float[]> logits = new ArrayList<>();
		int[] labels = new int[size];
		for (int i = 0; i < size; i++) {
			float[] row = new float[classes];
			for (int c = 0; c < classes; c++) {
				row[c] = (float) (scale * random.nextGaussian());
			}
			labels[i] = random.nextInt(classes);
			// mostly right, sometimes wrong: the optimum is interior
			if (random.nextDouble() < 0.7) {
				row[labels[i]] += (float) scale;
			}
			logits.add(row);
		}

		TemperatureScaling scaling = TemperatureScaling.fit(logits, labels);

		double t = scaling.temperature();
		assertThat(scaling.nllAfter()).isLessThanOrEqualTo(scaling.nllBefore() + 1e-12);
		if (t > TemperatureScaling.MIN_TEMPERATURE * 1.01 && t < TemperatureScaling.MAX_TEMPERATURE / 1.01) {
			assertThat(scaling.nllAfter()).isLessThanOrEqualTo(TemperatureScaling.nll(logits, labels, 1.01 / t) + 1e-12)
				.isLessThanOrEqualTo(TemperatureScaling.nll(logits, labels, 1 / (1.01 * t)) + 1e-12);
		}
	}

	static LongStream seeds() {
		return Seeds.seeds(50);
	}

}
