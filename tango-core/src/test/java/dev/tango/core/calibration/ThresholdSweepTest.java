package dev.tango.core.calibration;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;

import static dev.tango.core.calibration.CalibrationFixtures.fiveInputs;
import static dev.tango.core.calibration.CalibrationFixtures.labelled;
import static dev.tango.core.calibration.CalibrationFixtures.thresholds;
import static dev.tango.core.calibration.CalibrationFixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class ThresholdSweepTest {

	private static final double EPS = 1e-12;

	@Test
	void twoTierCurveByHand() {
		ThresholdSweep sweep = ThresholdSweep.of(fiveInputs(), TierCosts.of(1, 10));

		assertThat(sweep.candidates(0)).containsExactly(0.0, 0.55, 0.6, 0.7, 0.9, 0.95, 1.0);
		assertThat(sweep.points()).extracting((p) -> p.thresholds().get(0))
			.containsExactlyElementsOf(sweep.candidates(0));
		assertThat(sweep.points()).extracting(OperatingPoint::accuracy)
			.containsExactly(0.6, 0.6, 0.6, 0.8, 0.8, 0.8, 0.8);
		assertThat(sweep.points()).extracting((p) -> p.escalation().get(0))
			.containsExactly(0.0, 0.0, 0.2, 0.4, 0.6, 0.8, 1.0);
		assertThat(sweep.points()).extracting(OperatingPoint::nanosPerInput)
			.containsExactly(1.0, 1.0, 3.0, 5.0, 7.0, 9.0, 11.0);
		assertThat(sweep.points().get(3).speedup()).isCloseTo(2.0, within(EPS));
		assertThat(sweep.points().get(6).speedup()).isCloseTo(10.0 / 11, within(EPS));
	}

	@Test
	void accuracyDropIsPairedPerInput() {
		ThresholdSweep sweep = ThresholdSweep.of(fiveInputs(), TierCosts.of(1, 10));

		OperatingPoint firstTierAlone = sweep.evaluate(thresholds(0));
		OperatingPoint escalatingTwo = sweep.evaluate(thresholds(0.7));

		// d = (0, 1, 0, 0, 0): mean 0.2, sample variance (1 - 5 * 0.04) / 4 = 0.2
		assertThat(firstTierAlone.accuracyDrop()).isCloseTo(0.2, within(EPS));
		assertThat(firstTierAlone.dropStandardError()).isCloseTo(Math.sqrt(0.2 / 5), within(EPS));
		assertThat(firstTierAlone.dropUpperBound(0.95)).isCloseTo(0.2 + 1.6448536269514722 * 0.2, within(1e-8));
		assertThat(escalatingTwo.accuracyDrop()).isZero();
		assertThat(escalatingTwo.dropStandardError()).isZero();
	}

	@Test
	void threeTierCostCountsTheInputsReachingEachTier() {
		int[] zeros = { 0, 0, 0, 0 };
		LabelledPredictions predictions = labelled(zeros, tier(zeros, 0.9, 0.5, 0.5, 0.5),
				tier(new int[] { 0, 1, 0, 0 }, 0.9, 0.9, 0.5, 0.5), tier(zeros, 0.5, 0.5, 0.5, 0.5));
		ThresholdSweep sweep = ThresholdSweep.of(predictions, TierCosts.of(1, 4, 16));

		OperatingPoint point = sweep.evaluate(thresholds(0.8, 0.8));

		assertThat(point.escalation()).containsExactly(0.75, 0.5);
		assertThat(point.nanosPerInput()).isCloseTo(1 + 0.75 * 4 + 0.5 * 16, within(EPS));
		assertThat(point.speedup()).isCloseTo(16.0 / 12, within(EPS));
		assertThat(point.accuracy()).isEqualTo(0.75);
		assertThat(point.accuracyDrop()).isEqualTo(0.25);
		assertThat(sweep.points()).hasSize(sweep.candidates(0).size() * sweep.candidates(1).size());
	}

	@Test
	void manyConfidencesBecomeQuantiles() {
		double[] confidences = IntStream.range(0, 100).mapToDouble((i) -> i / 100.0).toArray();
		int[] labels = new int[100];
		LabelledPredictions predictions = labelled(labels, tier(labels, confidences), tier(labels, confidences));

		ThresholdSweep sweep = ThresholdSweep.of(predictions, TierCosts.of(1, 2), 6);

		assertThat(sweep.candidates(0)).containsExactly(0.0, 0.12, 0.37, 0.62, 0.87, 1.0);
	}

	@Test
	void defaultGridHoldsAtMostTwentyFiveHundredPoints() {
		double[] confidences = IntStream.range(0, 3000).mapToDouble((i) -> i / 3000.0).toArray();
		int[] labels = new int[3000];
		TierPredictions tier = tier(labels, confidences);

		ThresholdSweep twoTiers = ThresholdSweep.of(labelled(labels, tier, tier), TierCosts.of(1, 2));

		// 0, 1 and 2498 quantiles, the lowest of which is 0 again
		assertThat(twoTiers.candidates(0)).hasSize(2499);
		assertThat(twoTiers.points()).hasSize(2499);
		assertThat(ThresholdSweep.of(labelled(labels, tier, tier, tier), TierCosts.of(1, 2, 3)).candidates(1))
			.hasSize(50);
	}

	@Test
	void aSingleTierIsItsOwnOnlyPoint() {
		LabelledPredictions predictions = labelled(new int[] { 0, 1 }, tier(new int[] { 0, 0 }, 0.5, 0.5));

		List<OperatingPoint> points = ThresholdSweep.of(predictions, TierCosts.of(3)).points();

		assertThat(points).singleElement().satisfies((p) -> {
			assertThat(p.thresholds()).isEmpty();
			assertThat(p.accuracy()).isEqualTo(0.5);
			assertThat(p.speedup()).isEqualTo(1.0);
			assertThat(p.accuracyDrop()).isZero();
		});
	}

	@Test
	void predictionsComeFromScoresAsTheCascadeSeesThem() {
		ConfidenceFunction function = new ConfidenceFunction(Activation.SOFTMAX, ConfidenceMeasure.MARGIN, 1);
		List<Scores> scores = List.of(new Scores(new float[] { 0, 0, 3 }, false),
				new Scores(new float[] { 1, 0, 0 }, true));

		TierPredictions predictions = TierPredictions.of(scores, function);

		assertThat(predictions.size()).isEqualTo(2);
		assertThat(predictions.label(0)).isEqualTo(2);
		assertThat(predictions.label(1)).isZero();
		assertThat(predictions.confidence(0)).isEqualTo(function.confidence(scores.get(0).logits()));
		assertThat(predictions.confidence(1)).isEqualTo(function.confidence(scores.get(1).logits()));
	}

	@Test
	void accuracyOfEachTierAlone() {
		LabelledPredictions predictions = fiveInputs();

		assertThat(predictions.accuracy(0)).isEqualTo(0.6);
		assertThat(predictions.accuracy(1)).isEqualTo(0.8);
		assertThat(predictions.lastTierAccuracy()).isEqualTo(0.8);
	}

	@Test
	void inconsistentInputsAreRejected() {
		TierPredictions two = tier(new int[] { 0, 0 }, 0.5, 0.5);

		assertThatIllegalArgumentException().isThrownBy(() -> tier(new int[] { 0 }, 0.5, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> tier(new int[] { 0 }, 1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> tier(new int[] { -1 }, 0.5));
		assertThatIllegalArgumentException().isThrownBy(() -> labelled(new int[] { 0, 0, 0 }, two));
		assertThatIllegalArgumentException().isThrownBy(() -> labelled(new int[0]));
		assertThatIllegalArgumentException().isThrownBy(() -> TierCosts.of(1, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> TierCosts.of(1, Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ThresholdSweep.of(labelled(new int[] { 0, 0 }, two, two), TierCosts.of(1)));
		assertThatIllegalArgumentException().isThrownBy(
				() -> ThresholdSweep.of(labelled(new int[] { 0 }, tier(new int[] { 0 }, 1.0)), TierCosts.of(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ThresholdSweep.of(labelled(new int[] { 0, 0 }, two, two), TierCosts.of(1, 2))
				.evaluate(thresholds(0.5, 0.5)));
	}

}
