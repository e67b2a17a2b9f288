package dev.tango.core.batching;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoreReaderTest {

	private static final float[] LOGITS = { 1, 3, 0 };

	@Test
	void softmaxMaxProbabilityIsTheTopProbability() {
		ScoreReader.Reading reading = ScoreReader.read(LOGITS, Activation.SOFTMAX, ConfidenceMeasure.MAX_PROBABILITY,
				1);
		double sum = Math.exp(1) + Math.exp(3) + Math.exp(0);
		assertThat(reading.labelIndex()).isEqualTo(1);
		assertThat(reading.confidence()).isCloseTo(Math.exp(3) / sum, within(1e-6));
		assertThat(reading.probabilities()).containsExactly(
				new float[] { (float) (Math.exp(1) / sum), (float) (Math.exp(3) / sum), (float) (Math.exp(0) / sum) },
				within(1e-6f));
	}

	@Test
	void temperatureSoftensTheDistribution() {
		double sharp = ScoreReader.read(LOGITS, Activation.SOFTMAX, ConfidenceMeasure.MAX_PROBABILITY, 1).confidence();
		ScoreReader.Reading soft = ScoreReader.read(LOGITS, Activation.SOFTMAX, ConfidenceMeasure.MAX_PROBABILITY, 2);
		double sum = Math.exp(0.5) + Math.exp(1.5) + Math.exp(0);
		assertThat(soft.confidence()).isCloseTo(Math.exp(1.5) / sum, within(1e-6)).isLessThan(sharp);
		assertThat(soft.labelIndex()).isEqualTo(1);
	}

	@Test
	void marginIsTopMinusSecond() {
		ScoreReader.Reading reading = ScoreReader.read(LOGITS, Activation.SOFTMAX, ConfidenceMeasure.MARGIN, 1);
		float[] p = reading.probabilities();
		assertThat(reading.confidence()).isCloseTo(p[1] - p[0], within(1e-6));
	}

	@Test
	void entropyIsOneForCertaintyAndZeroForUniform() {
		assertThat(ScoreReader.read(new float[] { 2, 2, 2, 2 }, Activation.SOFTMAX, ConfidenceMeasure.ENTROPY, 1)
			.confidence()).isCloseTo(0, within(1e-9));
		assertThat(
				ScoreReader.read(new float[] { 80, 0 }, Activation.SOFTMAX, ConfidenceMeasure.ENTROPY, 1).confidence())
			.isCloseTo(1, within(1e-9));
		ScoreReader.Reading reading = ScoreReader.read(LOGITS, Activation.SOFTMAX, ConfidenceMeasure.ENTROPY, 1);
		double entropy = 0;
		for (float p : reading.probabilities()) {
			entropy -= p * Math.log(p);
		}
		assertThat(reading.confidence()).isCloseTo(1 - entropy / Math.log(3), within(1e-6));
	}

	@Test
	void aSingleLabelIsCertain() {
		for (ConfidenceMeasure measure : ConfidenceMeasure.values()) {
			ScoreReader.Reading reading = ScoreReader.read(new float[] { -4 }, Activation.SOFTMAX, measure, 1);
			assertThat(reading.labelIndex()).isZero();
			assertThat(reading.confidence()).as("%s", measure).isEqualTo(1);
		}
	}

	@Test
	void sigmoidConfidenceIsTheLeastSureLabel() {
		float[] logits = { 3, -2, 0.5f };
		ScoreReader.Reading reading = ScoreReader.read(logits, Activation.SIGMOID, ConfidenceMeasure.MAX_PROBABILITY,
				1);
		double p3 = 1 / (1 + Math.exp(-0.5));
		assertThat(reading.labelIndex()).isZero();
		assertThat(reading.probabilities()[1]).isCloseTo((float) (1 / (1 + Math.exp(2))), within(1e-6f));
		assertThat(reading.confidence()).isCloseTo(p3, within(1e-6));
		assertThat(ScoreReader.read(logits, Activation.SIGMOID, ConfidenceMeasure.MARGIN, 1).confidence())
			.isCloseTo(2 * p3 - 1, within(1e-6));
		double entropy = -(p3 * Math.log(p3) + (1 - p3) * Math.log(1 - p3));
		assertThat(ScoreReader.read(logits, Activation.SIGMOID, ConfidenceMeasure.ENTROPY, 1).confidence())
			.isCloseTo(1 - entropy / Math.log(2), within(1e-6));
	}

}
