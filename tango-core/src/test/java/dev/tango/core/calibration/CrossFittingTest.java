package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;

import static dev.tango.core.calibration.CalibrationFixtures.fiveInputs;
import static dev.tango.core.calibration.CalibrationFixtures.labelled;
import static dev.tango.core.calibration.CalibrationFixtures.thresholds;
import static dev.tango.core.calibration.CalibrationFixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class CrossFittingTest {

	private static final double EPS = 1e-12;

	@Test
	void everyInputIsAnsweredWithTheThresholdChosenWithoutItByHand() {
		// fold 0 = inputs 0, 2, 4; fold 1 = inputs 1, 3
		int[] folds = { 0, 1, 0, 1, 0 };
		LabelledPredictions predictions = fiveInputs();

		CrossFitting.Estimate estimate = CrossFitting.estimate(new AccuracyBudgetPolicy(), folds, (fold) -> predictions,
				TierCosts.of(1, 10));

		// fold 0 is chosen on inputs 1 and 3: answering input 1 (0.6) early costs a
		// point, so the lowest threshold of the unbroken run from the top is 0.95; fold
		// 1 is chosen on inputs 0, 2 and 4, where the first tier never does worse than
		// the last, so every input may be answered early: 0.55 (ties go to the higher)
		assertThat(estimate.foldThresholds()).containsExactly(thresholds(0.95), thresholds(0.55));
		assertThat(estimate.folds()).isEqualTo(2);
		assertThat(estimate.size()).isEqualTo(5);
		// inputs 0, 2, 4 (confidences 0.9, 0.7, 0.55 < 0.95) go to the last tier, right
		// on
		// 0 and 2; inputs 1 and 3 (0.6, 0.95 ≥ 0.55) are answered by the first, right on
		// 3
		assertThat(estimate.accuracy()).isCloseTo(0.6, within(EPS));
		assertThat(estimate.lastTierAccuracy()).isCloseTo(0.8, within(EPS));
		assertThat(estimate.escalation()).containsExactly(0.6);
		assertThat(estimate.nanosPerInput()).isCloseTo(1 + 0.6 * 10, within(EPS));
		assertThat(estimate.speedup()).isCloseTo(10.0 / 7, within(EPS));
		// d = (0, 1, 0, 0, 0): mean 0.2, sample variance 0.2
		assertThat(estimate.accuracyDrop()).isCloseTo(0.2, within(EPS));
		assertThat(estimate.dropStandardError()).isCloseTo(Math.sqrt(0.2 / 5), within(EPS));

		// chosen on all five inputs, the policy promises no drop at all: 0.7
		ThresholdChoice inSample = new AccuracyBudgetPolicy()
			.choose(ThresholdSweep.of(predictions, TierCosts.of(1, 10)));
		assertThat(inSample.thresholds()).containsExactly(0.7);
		assertThat(inSample.point().accuracyDrop()).isZero();
	}

	@Test
	void eachFoldIsAnsweredWithItsOwnPredictions() {
		int[] truth = { 0, 0, 0, 0 };
		int[] folds = { 0, 0, 1, 1 };
		LabelledPredictions unfitted = labelled(truth, tier(new int[] { 1, 1, 1, 1 }, 0.5, 0.5, 0.5, 0.5),
				tier(truth, 0.5, 0.5, 0.5, 0.5));
		// fitted without fold 1, the first tier is confident on input 2 only
		LabelledPredictions fittedWithoutFoldOne = labelled(truth, tier(new int[] { 1, 1, 1, 1 }, 0.5, 0.5, 0.9, 0.5),
				tier(truth, 0.5, 0.5, 0.5, 0.5));

		CrossFitting.Estimate estimate = CrossFitting.estimate(fixed(0.8), folds,
				(fold) -> (fold == 1) ? fittedWithoutFoldOne : unfitted, TierCosts.of(1, 2));

		// only input 2 is answered early, wrongly
		assertThat(estimate.escalation()).containsExactly(0.75);
		assertThat(estimate.accuracy()).isEqualTo(0.75);
		assertThat(estimate.accuracyDrop()).isEqualTo(0.25);
	}

	@Test
	void foldsThatLeaveTooLittleOrDoNotFitAreRefused() {
		LabelledPredictions five = fiveInputs();
		TierCosts costs = TierCosts.of(1, 10);
		AccuracyBudgetPolicy policy = new AccuracyBudgetPolicy();

		assertThatIllegalArgumentException()
			.isThrownBy(() -> CrossFitting.estimate(policy, new int[] { 0, 0, 0, 0, 0 }, (f) -> five, costs))
			.withMessageContaining("at least two folds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CrossFitting.estimate(policy, new int[] { 0, 2, 0, 2, 0 }, (f) -> five, costs))
			.withMessageContaining("Fold 1 of 3 holds 0 of 5 inputs");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CrossFitting.estimate(policy, new int[] { 0, 0, 0, 1, 1 },
					(f) -> labelled(new int[] { 0, 0, 0 }, tier(new int[] { 0, 0, 0 }, 1, 1, 1)), costs))
			.withMessageContaining("3 labelled predictions for 5 inputs");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CrossFitting.estimate(policy, new int[] { 0, 1, 0, 1, 0 },
					(f) -> (f == 0) ? five : five.select(new int[] { 1, 0, 2, 3, 4 }), costs))
			.withMessageContaining("predictions of fold 1");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CrossFitting.estimate(policy, new int[] { 0, 1, 1 },
					(f) -> five.select(new int[] { 0, 1, 2 }), costs))
			.withMessageContaining("Fold 1 of 2 holds 2 of 3 inputs");
	}

	@Test
	void selectingInputsKeepsTheirLabelsAndPredictions() {
		LabelledPredictions selected = fiveInputs().select(new int[] { 4, 1 });

		assertThat(selected.size()).isEqualTo(2);
		assertThat(selected.truth(0)).isZero();
		assertThat(selected.truth(1)).isEqualTo(1);
		assertThat(selected.tier(0).confidence(0)).isEqualTo(0.55);
		assertThat(selected.tier(0).label(1)).isZero();
		assertThat(selected.tier(1).label(0)).isEqualTo(1);
		assertThat(selected.accuracy(1)).isEqualTo(0.5);
	}

	/**
	 * A policy that chooses the same thresholds on any data gives the sweep's point at
	 * those thresholds over all inputs, whatever the folds.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void fixedThresholdsGiveTheSweepsPoint(long seed) {
		RandomGenerator random = Seeds.random(seed);
		int size = random.nextInt(4, 60);
		int tierCount = random.nextInt(2, 4);
		LabelledPredictions predictions = RandomPredictions.draw(random, size, tierCount);
		double[] costs = random.doubles(tierCount, 1, 10).sorted().toArray();
		List<Double> thresholds = random.doubles(tierCount - 1, 0, 1).boxed().toList();
		int[] folds = StratifiedFolds.assign(IntStream.range(0, size).map(predictions::truth).toArray(),
				random.nextInt(2, Math.min(size / 2, 10) + 1), random.nextLong());

		CrossFitting.Estimate estimate = CrossFitting.estimate(fixed(thresholds), folds, (fold) -> predictions,
				TierCosts.of(costs));
		OperatingPoint point = ThresholdSweep.of(predictions, TierCosts.of(costs), 3).evaluate(thresholds);

		assertThat(estimate.foldThresholds()).allSatisfy((chosen) -> assertThat(chosen).isEqualTo(thresholds));
		assertThat(estimate.accuracy()).isCloseTo(point.accuracy(), within(EPS));
		assertThat(estimate.escalation()).isEqualTo(point.escalation());
		assertThat(estimate.nanosPerInput()).isCloseTo(point.nanosPerInput(), within(1e-9));
		assertThat(estimate.speedup()).isCloseTo(point.speedup(), within(1e-9));
		assertThat(estimate.accuracyDrop()).isCloseTo(point.accuracyDrop(), within(EPS));
		assertThat(estimate.dropStandardError()).isCloseTo(point.dropStandardError(), within(EPS));
		assertThat(estimate.lastTierAccuracy()).isEqualTo(predictions.lastTierAccuracy());
	}

	/**
	 * Each fold's choice sees exactly the inputs of the other folds, and each input is
	 * answered with the thresholds of its own fold.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void eachChoiceSeesExactlyTheOtherFolds(long seed) {
		RandomGenerator random = Seeds.random(seed);
		int size = random.nextInt(4, 60);
		int[] truth = random.ints(size, 0, 3).toArray();
		// distinct first-tier confidences name the inputs
		double[] confidences = IntStream.range(0, size).mapToDouble((i) -> (i + 1.0) / (size + 1)).toArray();
		int[] labels = random.ints(size, 0, 3).toArray();
		LabelledPredictions predictions = labelled(truth, tier(labels, confidences), tier(truth, confidences));
		int count = random.nextInt(2, Math.min(size / 2, 10) + 1);
		int[] folds = StratifiedFolds.assign(truth, count, random.nextLong());
		List<double[]> seen = new ArrayList<>();
		// chooses its lowest confidence as the threshold: every input it saw goes early
		ThresholdPolicy lowest = (sweep) -> {
			double[] own = IntStream.range(0, sweep.predictions().size())
				.mapToDouble((i) -> sweep.predictions().tier(0).confidence(i))
				.sorted()
				.toArray();
			seen.add(own);
			return choice(sweep, List.of(own[0]));
		};

		CrossFitting.Estimate estimate = CrossFitting.estimate(lowest, folds, (fold) -> predictions,
				TierCosts.of(1, 2));

		int early = 0;
		for (int fold = 0; fold < count; fold++) {
			int f = fold;
			double[] others = IntStream.range(0, size)
				.filter((i) -> folds[i] != f)
				.mapToDouble((i) -> confidences[i])
				.toArray();
			assertThat(seen.get(fold)).as("fold %d", fold).containsExactly(others);
			double threshold = estimate.foldThresholds().get(fold).get(0);
			early += (int) IntStream.range(0, size).filter((i) -> folds[i] == f && confidences[i] >= threshold).count();
		}
		assertThat(estimate.escalation().get(0)).isCloseTo(1 - (double) early / size, within(EPS));
	}

	static LongStream seeds() {
		return Seeds.seeds(100);
	}

	private static ThresholdPolicy fixed(double threshold) {
		return fixed(List.of(threshold));
	}

	private static ThresholdPolicy fixed(List<Double> thresholds) {
		return (sweep) -> choice(sweep, thresholds);
	}

	private static ThresholdChoice choice(ThresholdSweep sweep, List<Double> thresholds) {
		OperatingPoint point = sweep.evaluate(thresholds);
		return new ThresholdChoice("fixed", Map.of(), point, sweep.predictions().lastTierAccuracy(),
				point.accuracyDrop(), true, "fixed " + Arrays.toString(thresholds.toArray()));
	}

}
