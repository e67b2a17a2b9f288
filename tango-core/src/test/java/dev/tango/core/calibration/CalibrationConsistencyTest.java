package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;
import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.TextInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks the calibration maths against the cascade engine itself: every operating point
 * of a sweep must describe what the cascade does with those thresholds. Each seed draws a
 * labelled set of 2 to 40 inputs for one to three fake tiers.
 */
class CalibrationConsistencyTest {

	private static final double EPS = 1e-9;

	private static final ConfidenceFunction MAX_PROBABILITY = new ConfidenceFunction(Activation.SOFTMAX,
			ConfidenceMeasure.MAX_PROBABILITY, 1);

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void everyPointDescribesTheCascade(long seed) {
		RandomGenerator random = Seeds.random(seed);
		LabelledSet set = LabelledSet.draw(random);
		int tierCount = set.tiers.size();
		int candidates = random.nextInt(3, 9);
		ThresholdSweep sweep = ThresholdSweep.of(set.predictions(), set.costs, candidates);

		for (OperatingPoint point : sweep.points()) {
			Measured measured = set.runCascade(point.thresholds());
			assertThat(point.accuracy()).isCloseTo(measured.accuracy, within(EPS));
			assertThat(point.escalation()).hasSize(tierCount - 1);
			for (int k = 0; k < tierCount - 1; k++) {
				assertThat(point.escalation().get(k)).isCloseTo(measured.escalation.get(k), within(EPS));
			}
			assertThat(point.nanosPerInput()).isCloseTo(measured.nanosPerInput, within(EPS));
			assertThat(point.speedup()).isCloseTo(set.costs.nanos(tierCount - 1) / measured.nanosPerInput, within(EPS));
			assertThat(point.accuracyDrop()).isCloseTo(measured.drop, within(EPS));
			assertThat(point.dropStandardError()).isCloseTo(measured.dropStandardError, within(EPS));
		}
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void theChosenThresholdsMeetTheBudgetAndNoEligiblePointIsFaster(long seed) {
		RandomGenerator random = Seeds.random(seed);
		LabelledSet set = LabelledSet.draw(random);
		int tierCount = set.tiers.size();
		double maxDrop = between(random, 0, 0.3);
		double confidenceLevel = between(random, 0.5, 0.99);
		ThresholdSweep sweep = ThresholdSweep.of(set.predictions(), set.costs, 8);
		double z = Normal.quantile(confidenceLevel);

		ThresholdChoice choice = new AccuracyBudgetPolicy(maxDrop, confidenceLevel).choose(sweep);

		assertThat(choice.point()).isEqualTo(sweep.evaluate(choice.thresholds()));
		List<OperatingPoint> eligible = eligible(sweep.points(), tierCount, maxDrop, confidenceLevel);
		if (choice.constraintMet()) {
			Measured measured = set.runCascade(choice.thresholds());
			assertThat(measured.drop + z * measured.dropStandardError).isLessThanOrEqualTo(maxDrop + EPS);
			assertThat(eligible).contains(choice.point());
			assertThat(eligible)
				.allSatisfy((p) -> assertThat(p.speedup()).isLessThanOrEqualTo(choice.point().speedup()));
		}
		else {
			assertThat(eligible).isEmpty();
			assertThat(choice.thresholds()).containsOnly(1.0);
		}
	}

	private static LongStream seeds() {
		return Seeds.seeds(60);
	}

	/** Returns a number from {@code min} to {@code max}, each bound one time in ten. */
	private static double between(RandomGenerator random, double min, double max) {
		return switch (random.nextInt(10)) {
			case 0 -> min;
			case 1 -> max;
			default -> random.nextDouble(min, max);
		};
	}

	/**
	 * Returns the points that satisfy the budget; with two tiers, only those above which
	 * every point does too.
	 */
	private static List<OperatingPoint> eligible(List<OperatingPoint> points, int tierCount, double maxDrop,
			double confidenceLevel) {
		List<OperatingPoint> eligible = new ArrayList<>();
		for (int i = 0; i < points.size(); i++) {
			List<OperatingPoint> required = (tierCount == 2) ? points.subList(i, points.size())
					: List.of(points.get(i));
			if (required.stream().allMatch((p) -> p.dropUpperBound(confidenceLevel) <= maxDrop)) {
				eligible.add(points.get(i));
			}
		}
		return eligible;
	}

	/** A random labelled set with fake tiers of pseudo-random logits. */
	private static final class LabelledSet {

		private final List<TextInput> inputs;

		private final int[] truth;

		private final List<FakeTier> tiers = new ArrayList<>();

		private final TierCosts costs;

		/** Draws a set of 2 to 40 inputs for one to three tiers. */
		static LabelledSet draw(RandomGenerator random) {
			long seed = random.nextLong();
			int size = random.nextInt(2, 41);
			int tierCount = random.nextInt(1, 4);
			return new LabelledSet(seed, size, tierCount);
		}

		LabelledSet(long seed, int size, int tierCount) {
			Random random = new Random(seed);
			this.inputs = IntStream.range(0, size).mapToObj((i) -> TextInput.of(seed + " input " + i)).toList();
			this.truth = IntStream.range(0, size).map((i) -> random.nextInt(3)).toArray();
			double[] nanos = new double[tierCount];
			for (int k = 0; k < tierCount; k++) {
				this.tiers.add(FakeTier.hashed(seed + " tier " + k, List.of("x", "y", "z")));
				nanos[k] = 1 + random.nextInt(100);
			}
			this.costs = TierCosts.of(nanos);
		}

		LabelledPredictions predictions() {
			List<TierPredictions> predictions = new ArrayList<>();
			for (FakeTier tier : this.tiers) {
				predictions
					.add(TierPredictions.of(LengthBatching.classify(tier, this.inputs, 7).scores(), MAX_PROBABILITY));
			}
			return new LabelledPredictions(this.truth, predictions);
		}

		Measured runCascade(List<Double> thresholds) {
			List<Stage> stages = new ArrayList<>();
			for (int k = 0; k < this.tiers.size(); k++) {
				stages.add(Stage.of(this.tiers.get(k), (k < thresholds.size()) ? thresholds.get(k) : 0));
			}
			CascadeResult result = new Cascade(stages).classify(this.inputs, false);
			Cascade lastAlone = new Cascade(List.of(Stage.of(this.tiers.get(this.tiers.size() - 1), 0)));
			CascadeResult reference = lastAlone.classify(this.inputs, false);
			int n = this.inputs.size();
			double[] drops = new double[n];
			int correct = 0;
			for (int i = 0; i < n; i++) {
				int cascadeRight = (result.predictions().get(i).labelIndex() == this.truth[i]) ? 1 : 0;
				int lastRight = (reference.predictions().get(i).labelIndex() == this.truth[i]) ? 1 : 0;
				correct += cascadeRight;
				drops[i] = lastRight - cascadeRight;
			}
			double mean = IntStream.range(0, n).mapToDouble((i) -> drops[i]).average().orElseThrow();
			double squares = IntStream.range(0, n).mapToDouble((i) -> (drops[i] - mean) * (drops[i] - mean)).sum();
			List<Double> escalation = new ArrayList<>();
			double nanos = 0;
			for (int k = 0; k < this.tiers.size(); k++) {
				double reached = (double) result.tiers().get(k).inputs() / n;
				nanos += this.costs.nanos(k) * reached;
				if (k > 0) {
					escalation.add(reached);
				}
			}
			return new Measured((double) correct / n, Collections.unmodifiableList(escalation), nanos, mean,
					Math.sqrt(squares / (n - 1)) / Math.sqrt(n));
		}

	}

	private record Measured(double accuracy, List<Double> escalation, double nanosPerInput, double drop,
			double dropStandardError) {

	}

}
