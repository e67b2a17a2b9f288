package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class CalibrationPipelineTest {

	private static final TierCosts COSTS = TierCosts.of(1, 10);

	private static final ThresholdPolicy POLICY = new AccuracyBudgetPolicy(0.01, 0.9);

	@Test
	void sameInputGivesTheSameOutcome() {
		CalibrationOptions options = new CalibrationOptions(new Validation.CrossFitted(5), 7, true, null);
		CalibrationOutcome first = CalibrationPipeline.calibrate(scores(600, 3, 1), COSTS, POLICY, options);
		CalibrationOutcome second = CalibrationPipeline.calibrate(scores(600, 3, 1), COSTS, POLICY, options);

		assertThat(second.thresholds()).isEqualTo(first.thresholds());
		assertThat(second.temperatures()).isEqualTo(first.temperatures());
		assertThat(second.heldOut()).isEqualTo(first.heldOut());
		assertThat(second.choice().method()).isEqualTo(first.choice().method());
	}

	@Test
	void crossFittedThresholdsAreChosenOnEveryRowAndReportedOutOfFold() {
		LabelledScores scores = scores(800, 4, 2);
		CalibrationOutcome outcome = CalibrationPipeline.calibrate(scores, COSTS, POLICY, CalibrationOptions.DEFAULT);

		LabelledPredictions all = scores.predictions(List.of(1.0));
		ThresholdChoice onEveryRow = POLICY.choose(ThresholdSweep.of(all, COSTS));
		assertThat(outcome.thresholds()).isEqualTo(onEveryRow.thresholds());
		assertThat(outcome.temperatures()).containsExactly(1.0);
		assertThat(outcome.sweep().predictions().size()).isEqualTo(800);

		int[] folds = StratifiedFolds.assign(scores.truth(), Validation.DEFAULT_FOLDS, CalibrationOptions.DEFAULT_SEED);
		CrossFitting.Estimate estimate = CrossFitting.estimate(POLICY, folds, (fold) -> all, COSTS);
		HeldOutEstimate heldOut = outcome.heldOut();
		assertThat(heldOut.crossFitted()).isTrue();
		assertThat(heldOut.size()).isEqualTo(800);
		assertThat(heldOut.foldThresholds()).isEqualTo(estimate.foldThresholds());
		assertThat(heldOut.accuracy()).isEqualTo(estimate.accuracy());
		assertThat(heldOut.accuracyDrop()).isEqualTo(estimate.accuracyDrop());
		assertThat(heldOut.tierAccuracies()).containsExactly(all.accuracy(0), all.accuracy(1));
		assertThat(outcome.partition().describe()).isEqualTo("10-fold cross-fitting");
	}

	@Test
	void aHeldOutPartIsNeverChosenOn() {
		LabelledScores scores = scores(500, 3, 3);
		CalibrationOutcome outcome = CalibrationPipeline.calibrate(scores, COSTS, POLICY,
				new CalibrationOptions(new Validation.HeldOutPart(0.6), 11, false, null));

		Partition.Split split = (Partition.Split) outcome.partition();
		assertThat(split.choosing().length + split.heldOut().length).isEqualTo(500);
		assertThat(split.choosing().length).isBetween(297, 303);
		assertThat(IntStream.of(split.choosing()).filter((i) -> IntStream.of(split.heldOut()).anyMatch((j) -> j == i)))
			.isEmpty();
		LabelledPredictions all = scores.predictions(List.of(1.0));
		assertThat(outcome.thresholds())
			.isEqualTo(POLICY.choose(ThresholdSweep.of(all.select(split.choosing()), COSTS)).thresholds());
		LabelledPredictions part = all.select(split.heldOut());
		OperatingPoint point = ThresholdSweep.of(part, COSTS, 3).evaluate(outcome.thresholds());
		assertThat(outcome.heldOut().size()).isEqualTo(split.heldOut().length);
		assertThat(outcome.heldOut().accuracy()).isEqualTo(point.accuracy());
		assertThat(outcome.heldOut().lastTierAccuracy()).isEqualTo(part.lastTierAccuracy());
		assertThat(outcome.heldOut().foldThresholds()).isEmpty();
	}

	@Test
	void temperaturesAreFittedOnTheRowsChosenOn() {
		// logits three times too sharp: the fitted temperature is well above 1
		LabelledScores scores = scores(1000, 3, 4, 3.0);
		CalibrationOutcome outcome = CalibrationPipeline.calibrate(scores, COSTS, POLICY,
				new CalibrationOptions(new Validation.CrossFitted(4), 5, true, null));

		List<float[]> logits = scores.tiers().get(0).logits(IntStream.range(0, 1000).toArray());
		double fitted = TemperatureScaling.fit(logits, scores.truth()).temperature();
		assertThat(outcome.temperatures()).containsExactly(fitted);
		assertThat(fitted).isGreaterThan(1.5);
		assertThat(outcome.predictions().tier(0).confidence(0))
			.isCloseTo(scores.predictions(List.of(fitted)).tier(0).confidence(0), within(1e-12));
	}

	@Test
	void degenerateInputsAreRefusedWithTheReason() {
		LabelledScores scores = scores(20, 2, 5);
		assertThatIllegalArgumentException().isThrownBy(
				() -> CalibrationPipeline.calibrate(new LabelledScores(scores.truth(), List.of(scores.tiers().get(1))),
						TierCosts.of(1), POLICY, CalibrationOptions.DEFAULT))
			.withMessageContaining("single tier");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CalibrationPipeline.calibrate(new LabelledScores(new int[20], scores.tiers()), COSTS,
					POLICY, CalibrationOptions.DEFAULT))
			.withMessageContaining("same label");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CalibrationPipeline.calibrate(scores, COSTS, POLICY,
					new CalibrationOptions(new Validation.CrossFitted(30), 1, false, null)))
			.withMessageContaining("30-fold cross-fitting needs at least 30");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CalibrationPipeline.calibrate(scores, COSTS, POLICY,
					new CalibrationOptions(new Validation.HeldOutPart(0.01), 1, false, null)))
			.withMessageContaining("each part needs at least 2");
		List<ScoredTier> sigmoid = List.of(
				new ScoredTier("multi", scores.tiers().get(0).scores(),
						new ConfidenceFunction(Activation.SIGMOID, ConfidenceMeasure.MAX_PROBABILITY, 1)),
				scores.tiers().get(1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CalibrationPipeline.calibrate(new LabelledScores(scores.truth(), sigmoid), COSTS, POLICY,
					new CalibrationOptions(new Validation.CrossFitted(2), 1, true, null)))
			.withMessageContaining("tier 0 (multi) is multi-label");
	}

	private static LabelledScores scores(int size, int classes, long seed) {
		return scores(size, classes, seed, 1.0);
	}

	/**
	 * Two tiers over {@code classes} labels: a weak one whose logits are
	 * {@code sharpness} times what its skill warrants, and a strong one.
	 */
	private static LabelledScores scores(int size, int classes, long seed, double sharpness) {
		SplittableRandom random = new SplittableRandom(seed);
		int[] truth = IntStream.range(0, size).map((i) -> random.nextInt(classes)).toArray();
		List<ScoredTier> tiers = new ArrayList<>();
		double[] signal = { 1.2, 3.0 };
		for (int k = 0; k < 2; k++) {
			List<Scores> scores = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				float[] logits = new float[classes];
				for (int c = 0; c < classes; c++) {
					double value = random.nextGaussian() + ((c == truth[i]) ? signal[k] : 0);
					logits[c] = (float) (((k == 0) ? sharpness : 1) * value);
				}
				scores.add(new Scores(logits, false));
			}
			tiers.add(new ScoredTier("tier" + k, scores,
					new ConfidenceFunction(Activation.SOFTMAX, ConfidenceMeasure.MAX_PROBABILITY, 1)));
		}
		return new LabelledScores(truth, tiers);
	}

}
