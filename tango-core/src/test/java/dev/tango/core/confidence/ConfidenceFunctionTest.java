package dev.tango.core.confidence;

import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;
import dev.tango.core.tier.Activation;

import static dev.tango.core.confidence.ConfidenceMeasure.ENTROPY;
import static dev.tango.core.confidence.ConfidenceMeasure.MARGIN;
import static dev.tango.core.confidence.ConfidenceMeasure.MAX_PROBABILITY;
import static dev.tango.core.tier.Activation.SIGMOID;
import static dev.tango.core.tier.Activation.SOFTMAX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ConfidenceFunctionTest {

	private static final float INF = Float.POSITIVE_INFINITY;

	private static final double EPS = 1e-6;

	private static final float[] ONE_TWO_THREE = { 1, 2, 3 };

	/** softmax(1, 2, 3) = (e, e², e³) / (e + e² + e³). */
	private static final double SUM = Math.exp(1) + Math.exp(2) + Math.exp(3);

	private static final double[] P = { Math.exp(1) / SUM, Math.exp(2) / SUM, Math.exp(3) / SUM };

	private static final float[] LOGIT_SCALES = { 0.1f, 1, 10, 100, 1e4f };

	private static final float[] LOGIT_EDGES = { 0, -1e4f, 1e4f };

	@Test
	void softmaxProbabilitiesAndLabel() {
		ConfidenceFunction function = new ConfidenceFunction(SOFTMAX, MAX_PROBABILITY, 1);

		float[] probabilities = function.probabilities(ONE_TWO_THREE);

		assertThat(probabilities[0]).isCloseTo((float) P[0], within(1e-6f));
		assertThat(probabilities[1]).isCloseTo((float) P[1], within(1e-6f));
		assertThat(probabilities[2]).isCloseTo((float) P[2], within(1e-6f));
		assertThat(function.label(ONE_TWO_THREE)).isEqualTo(2);
	}

	@Test
	void maxProbabilityIsTheLargestProbability() {
		assertThat(confidence(SOFTMAX, MAX_PROBABILITY, 1, ONE_TWO_THREE)).isCloseTo(P[2], within(EPS));
	}

	@Test
	void marginIsTheGapBetweenTheTwoLargestProbabilities() {
		assertThat(confidence(SOFTMAX, MARGIN, 1, ONE_TWO_THREE)).isCloseTo(P[2] - P[1], within(EPS));
	}

	@Test
	void entropyIsOneMinusNormalisedEntropy() {
		double entropy = -(P[0] * Math.log(P[0]) + P[1] * Math.log(P[1]) + P[2] * Math.log(P[2]));

		assertThat(confidence(SOFTMAX, ENTROPY, 1, ONE_TWO_THREE)).isCloseTo(1 - entropy / Math.log(3), within(EPS));
	}

	@Test
	void uniformDistributionHasNoConfidenceByMarginOrEntropy() {
		float[] equal = { 0.7f, 0.7f, 0.7f, 0.7f };

		assertThat(confidence(SOFTMAX, MAX_PROBABILITY, 1, equal)).isCloseTo(0.25, within(EPS));
		assertThat(confidence(SOFTMAX, MARGIN, 1, equal)).isZero();
		assertThat(confidence(SOFTMAX, ENTROPY, 1, equal)).isCloseTo(0, within(EPS));
	}

	@Test
	void temperatureDividesTheLogits() {
		double sum = Math.exp(0.5) + Math.exp(1) + Math.exp(1.5);

		assertThat(confidence(SOFTMAX, MAX_PROBABILITY, 2, ONE_TWO_THREE)).isCloseTo(Math.exp(1.5) / sum, within(EPS));
		assertThat(confidence(SOFTMAX, MAX_PROBABILITY, 0.5, ONE_TWO_THREE))
			.isCloseTo(Math.exp(6) / (Math.exp(2) + Math.exp(4) + Math.exp(6)), within(EPS));
	}

	@Test
	void singleLabelIsCertainUnderSoftmax() {
		float[] single = { -4.2f };

		for (ConfidenceMeasure measure : ConfidenceMeasures.all()) {
			assertThat(confidence(SOFTMAX, measure, 1, single)).as(measure.name()).isEqualTo(1.0);
			assertThat(new ConfidenceFunction(SOFTMAX, measure, 1).label(single)).as(measure.name()).isZero();
		}
	}

	@Test
	void largeLogitsStayFinite() {
		assertThat(confidence(SOFTMAX, MAX_PROBABILITY, 1, new float[] { 1000, 0 })).isEqualTo(1.0);
		assertThat(confidence(SOFTMAX, MAX_PROBABILITY, 1, new float[] { -1000, -1000 })).isEqualTo(0.5);
		assertThat(confidence(SOFTMAX, ENTROPY, 1, new float[] { 1e30f, -1e30f })).isEqualTo(1.0);
		assertThat(confidence(SOFTMAX, ENTROPY, 1, new float[] { 80, 0 })).isCloseTo(1.0, within(1e-9));
	}

	@Test
	void infiniteLogitsAreProbabilitiesZeroAndOne() {
		ConfidenceFunction function = new ConfidenceFunction(SOFTMAX, MARGIN, 1);

		assertThat(function.probabilities(new float[] { INF, 0 })).containsExactly(1f, 0f);
		assertThat(function.probabilities(new float[] { -INF, 0 })).containsExactly(0f, 1f);
		assertThat(function.probabilities(new float[] { INF, 3, INF })).containsExactly(0.5f, 0f, 0.5f);
		assertThat(function.confidence(new float[] { INF, 3, INF })).isZero();
		assertThat(function.probabilities(new float[] { -INF, -INF })).containsExactly(0.5f, 0.5f);
		assertThat(new ConfidenceFunction(SOFTMAX, ENTROPY, 1).confidence(new float[] { -INF, 2, -INF }))
			.isEqualTo(1.0);
	}

	@Test
	void sigmoidConfidenceIsTheLeastSureLabel() {
		float[] logits = { 2, -1, 0.5f };
		double[] p = { sigmoid(2), sigmoid(-1), sigmoid(0.5) };
		ConfidenceFunction function = new ConfidenceFunction(SIGMOID, MAX_PROBABILITY, 1);

		assertThat(function.probabilities(logits)).containsExactly((float) p[0], (float) p[1], (float) p[2]);
		assertThat(function.labelConfidences(logits)).containsExactly(new double[] { p[0], 1 - p[1], p[2] },
				within(EPS));
		assertThat(function.confidence(logits)).isCloseTo(p[2], within(EPS));
		assertThat(function.label(logits)).isZero();
	}

	@Test
	void sigmoidMarginAndEntropyMeasureEachLabelAsTwoWay() {
		float[] logits = { 2, -1 };
		double p = sigmoid(-1);
		double binaryEntropy = -(p * Math.log(p) + (1 - p) * Math.log(1 - p));

		assertThat(new ConfidenceFunction(SIGMOID, MARGIN, 1).labelConfidences(logits))
			.containsExactly(new double[] { Math.tanh(1), Math.tanh(0.5) }, within(EPS));
		assertThat(new ConfidenceFunction(SIGMOID, ENTROPY, 1).confidence(logits))
			.isCloseTo(1 - binaryEntropy / Math.log(2), within(EPS));
	}

	@Test
	void sigmoidTemperatureDividesTheLogits() {
		assertThat(confidence(SIGMOID, MAX_PROBABILITY, 4, new float[] { 2, 8 })).isCloseTo(sigmoid(0.5), within(EPS));
	}

	@Test
	void sigmoidOfUndecidedLabelHasNoConfidence() {
		assertThat(confidence(SIGMOID, MAX_PROBABILITY, 1, new float[] { 9, 0 })).isEqualTo(0.5);
		assertThat(confidence(SIGMOID, MARGIN, 1, new float[] { 9, 0 })).isZero();
		assertThat(confidence(SIGMOID, ENTROPY, 1, new float[] { 9, 0 })).isCloseTo(0, within(EPS));
		assertThat(confidence(SIGMOID, ENTROPY, 1, new float[] { INF, -INF })).isEqualTo(1.0);
	}

	@Test
	void softmaxLabelConfidencesAreOneAgainstTheRest() {
		ConfidenceFunction function = new ConfidenceFunction(SOFTMAX, MAX_PROBABILITY, 1);

		assertThat(function.labelConfidences(ONE_TWO_THREE)).containsExactly(new double[] { 1 - P[0], 1 - P[1], P[2] },
				within(EPS));
	}

	@Test
	void nanOrMissingLogitsAreRejected() {
		for (Activation activation : Activation.values()) {
			ConfidenceFunction function = new ConfidenceFunction(activation, MAX_PROBABILITY, 1);
			float[] nan = { 1, Float.NaN };

			assertThatIllegalArgumentException().isThrownBy(() -> function.confidence(nan))
				.withMessageContaining("NaN");
			assertThatIllegalArgumentException().isThrownBy(() -> function.label(nan));
			assertThatIllegalArgumentException().isThrownBy(() -> function.probabilities(nan));
			assertThatIllegalArgumentException().isThrownBy(() -> function.labelConfidences(nan));
			assertThatIllegalArgumentException().isThrownBy(() -> function.confidence(new float[0]));
		}
	}

	@Test
	void temperatureMustBePositiveAndFinite() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConfidenceFunction(SOFTMAX, MARGIN, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new ConfidenceFunction(SOFTMAX, MARGIN, Double.NaN));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConfidenceFunction(SOFTMAX, MARGIN, Double.POSITIVE_INFINITY));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everyConfidenceLiesInTheUnitInterval(long seed) {
		RandomGenerator random = Seeds.random(seed);
		float[] logits = logits(random);
		Activation activation = oneOf(random, Activation.values());
		ConfidenceMeasure measure = oneOf(random, ConfidenceMeasures.all().toArray(ConfidenceMeasure[]::new));
		double temperature = temperature(random);
		ConfidenceFunction function = new ConfidenceFunction(activation, measure, temperature);

		assertThat(function.confidence(logits)).isBetween(0.0, 1.0);
		for (double labelConfidence : function.labelConfidences(logits)) {
			assertThat(labelConfidence).isBetween(0.0, 1.0);
		}
		for (float probability : function.probabilities(logits)) {
			assertThat(probability).isBetween(0f, 1f);
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void softmaxAgreesWithItsProbabilities(long seed) {
		RandomGenerator random = Seeds.random(seed);
		float[] logits = logits(random);
		double temperature = temperature(random);
		ConfidenceFunction function = new ConfidenceFunction(SOFTMAX, MAX_PROBABILITY, temperature);
		float[] probabilities = function.probabilities(logits);
		double sum = 0;
		double max = 0;
		for (float p : probabilities) {
			sum += p;
			max = Math.max(max, p);
		}

		assertThat(sum).isCloseTo(1, within(1e-5));
		assertThat(function.confidence(logits)).isCloseTo(max, within(1e-6));
		assertThat((double) probabilities[function.label(logits)]).isEqualTo(max);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void sigmoidConfidenceIsTheLeastLabelConfidence(long seed) {
		RandomGenerator random = Seeds.random(seed);
		float[] logits = logits(random);
		ConfidenceMeasure measure = oneOf(random, ConfidenceMeasures.all().toArray(ConfidenceMeasure[]::new));
		ConfidenceFunction function = new ConfidenceFunction(SIGMOID, measure, 1);

		double least = 1;
		for (double c : function.labelConfidences(logits)) {
			least = Math.min(least, c);
		}
		assertThat(function.confidence(logits)).isEqualTo(least);
	}

	private static LongStream seeds() {
		return Seeds.seeds(300);
	}

	/**
	 * Returns one to eight logits from -10⁴ to 10⁴ on a scale drawn per array, so that
	 * probabilities range from even to certain, with the bounds, zero, ties and
	 * {@code ±inf} mixed in.
	 */
	private static float[] logits(RandomGenerator random) {
		float[] logits = new float[random.nextInt(1, 9)];
		float scale = LOGIT_SCALES[random.nextInt(LOGIT_SCALES.length)];
		for (int i = 0; i < logits.length; i++) {
			logits[i] = switch (random.nextInt(20)) {
				case 0 -> INF;
				case 1 -> -INF;
				case 2 -> LOGIT_EDGES[random.nextInt(LOGIT_EDGES.length)];
				case 3, 4 -> (i > 0) ? logits[random.nextInt(i)] : 0;
				default -> random.nextFloat(-scale, scale);
			};
		}
		return logits;
	}

	/** Returns a temperature from 0.05 to 20, log-uniform, or either bound. */
	private static double temperature(RandomGenerator random) {
		return switch (random.nextInt(10)) {
			case 0 -> 0.05;
			case 1 -> 20;
			default -> Math.clamp(Math.exp(random.nextDouble(Math.log(0.05), Math.log(20))), 0.05, 20);
		};
	}

	private static <T> T oneOf(RandomGenerator random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	private static double confidence(Activation activation, ConfidenceMeasure measure, double temperature,
			float[] logits) {
		return new ConfidenceFunction(activation, measure, temperature).confidence(logits);
	}

	private static double sigmoid(double x) {
		return 1 / (1 + Math.exp(-x));
	}

}
