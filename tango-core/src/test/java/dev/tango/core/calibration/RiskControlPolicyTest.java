package dev.tango.core.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;
import dev.tango.core.calibration.RiskControlPolicy.Loss;
import dev.tango.core.calibration.RiskControlPolicy.Step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class RiskControlPolicyTest {

	@Test
	void theGridIsFixedAndDescending() {
		List<Double> grid = RiskControlPolicy.GRID;
		assertThat(grid.get(0)).isEqualTo(1.0);
		assertThat(grid.get(grid.size() - 1)).isEqualTo(0.0);
		assertThat(grid).hasSize(281).contains(0.995, 0.99, 0.5, 1 - 1e-6);
		for (int j = 1; j < grid.size(); j++) {
			assertThat(grid.get(j)).isLessThan(grid.get(j - 1));
		}
	}

	@Test
	void certifiesDownToTheFirstThresholdItCannotReject() {
		// 90 inputs the first tier answers at 0.95 like the last tier, 10 at 0.6 unlike
		// it: no losses down to 0.605, then 10 of 100
		ThresholdSweep sweep = ThresholdSweep.of(hundredInputs(false), TierCosts.of(1, 10));
		RiskControlPolicy policy = new RiskControlPolicy(0.05, 0.1, Loss.DISAGREEMENT);

		List<Step> steps = policy.test(sweep);
		ThresholdChoice choice = policy.choose(sweep);

		Step last = steps.get(steps.size() - 1);
		assertThat(last.threshold()).isEqualTo(0.6);
		assertThat(last.rejected()).isFalse();
		assertThat(last.losses()).isEqualTo(10);
		assertThat(last.early()).isEqualTo(100);
		assertThat(last.pValue()).isCloseTo(Binomial.cdf(10, 100, 0.05), within(1e-15));
		Step chosen = steps.get(steps.size() - 2);
		assertThat(chosen.threshold()).isEqualTo(0.605);
		assertThat(chosen.losses()).isZero();
		assertThat(chosen.early()).isEqualTo(90);
		// no losses in 100 inputs: p = 0.95^100
		assertThat(chosen.pValue()).isCloseTo(Math.pow(0.95, 100), within(1e-12));
		assertThat(steps).allSatisfy((step) -> assertThat(step.n()).isEqualTo(100));
		assertThat(steps.subList(0, steps.size() - 1)).allMatch(Step::rejected);
		assertThat(steps).hasSize(RiskControlPolicy.GRID.indexOf(0.6) + 1);

		assertThat(choice.thresholds()).containsExactly(0.605);
		assertThat(choice.constraintMet()).isTrue();
		assertThat(choice.point().escalation()).containsExactly(0.1);
		assertThat(choice.point().accuracy()).isEqualTo(1.0);
		assertThat(choice.policy()).isEqualTo("risk-control");
		assertThat(choice.parameters()).containsExactly(entry("maxRisk", 0.05), entry("alpha", 0.1));
		assertThat(choice.method()).contains("Learn-then-Test", "exact binomial", "fixed-sequence", "λ = 0.6050",
				"0 of 100", "exchangeable", "at least 90.0%", "at most 5.00% of new inputs");
	}

	@Test
	void theLossIsSelectable() {
		// the last tier is as wrong as the first on the 10 unsure inputs: they disagree
		// with nothing, but they are errors
		ThresholdSweep sweep = ThresholdSweep.of(hundredInputs(true), TierCosts.of(1, 10));

		assertThat(new RiskControlPolicy(0.05, 0.1, Loss.DISAGREEMENT).choose(sweep).thresholds()).containsExactly(0.0);
		assertThat(new RiskControlPolicy(0.05, 0.1, Loss.ERROR).choose(sweep).thresholds()).containsExactly(0.605);
	}

	@Test
	void escalatesEverythingWhenEvenTheTopCannotBeCertified() {
		// 0.95^100 = 0.0059 is above alpha = 0.001
		ThresholdSweep sweep = ThresholdSweep.of(hundredInputs(false), TierCosts.of(1, 10));

		ThresholdChoice choice = new RiskControlPolicy(0.05, 0.001, Loss.DISAGREEMENT).choose(sweep);

		assertThat(choice.thresholds()).containsExactly(1.0);
		assertThat(choice.constraintMet()).isFalse();
		assertThat(choice.method()).contains("Even λ = 1 was not certified");
	}

	@Test
	void everyGateSharesTheThresholdWithMoreTiers() {
		LabelledPredictions two = hundredInputs(false);
		LabelledPredictions three = new LabelledPredictions(truthOf(two),
				List.of(two.tier(0), two.tier(1), two.tier(1)));

		ThresholdChoice choice = new RiskControlPolicy(0.05, 0.1, Loss.DISAGREEMENT)
			.choose(ThresholdSweep.of(three, TierCosts.of(1, 5, 10)));

		assertThat(choice.thresholds()).containsExactly(0.605, 0.605);
	}

	@Test
	void parametersAreValidated() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RiskControlPolicy(0, 0.1, Loss.ERROR));
		assertThatIllegalArgumentException().isThrownBy(() -> new RiskControlPolicy(0.1, 0.6, Loss.ERROR));
		assertThatIllegalArgumentException().isThrownBy(() -> new RiskControlPolicy(0.1, 0, Loss.ERROR));
		assertThatNullPointerException().isThrownBy(() -> new RiskControlPolicy(0.1, 0.1, null));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void theChoiceIsCertifiedAtEveryThresholdAboveIt(long seed) {
		RandomGenerator random = Seeds.random(seed);
		LabelledPredictions predictions = RandomPredictions.draw(random, random.nextInt(20, 1500),
				random.nextInt(2, 4));
		ThresholdSweep sweep = ThresholdSweep.of(predictions,
				TierCosts.of(Arrays.copyOf(new double[] { 1, 20, 40 }, predictions.tierCount())), 3);
		Loss loss = random.nextBoolean() ? Loss.DISAGREEMENT : Loss.ERROR;
		RiskControlPolicy policy = new RiskControlPolicy(random.nextDouble(0.005, 0.3), random.nextDouble(0.01, 0.5),
				loss);

		ThresholdChoice choice = policy.choose(sweep);

		int n = predictions.size();
		double chosen = choice.thresholds().get(0);
		assertThat(choice.thresholds()).allMatch((threshold) -> threshold == chosen);
		for (double threshold : RiskControlPolicy.GRID) {
			boolean rejected = Binomial.cdf(losses(predictions, threshold, loss), n, policy.maxRisk()) <= policy
				.alpha();
			if (threshold >= chosen && choice.constraintMet()) {
				assertThat(rejected).as("threshold %s", threshold).isTrue();
				assertThat((double) losses(predictions, threshold, loss) / n).isLessThan(policy.maxRisk());
			}
			else {
				// the first threshold below the choice (or 1, if none was chosen) failed
				assertThat(rejected).as("threshold %s", threshold).isFalse();
				break;
			}
		}
		assertThat(choice.point()).isEqualTo(sweep.evaluate(choice.thresholds()));
	}

	/**
	 * The guarantee itself: draws labelled sets from a population whose risk is known,
	 * risk(λ) = 2(1 − λ)² (confidence uniform on [0.5, 1], disagreement with probability
	 * 2(1 − confidence)), and counts how often the chosen threshold's true risk exceeds
	 * the budget. It must happen in at most about alpha of the draws.
	 */
	@Test
	void theRiskExceedsItsBoundInAtMostAlphaOfDraws() {
		RandomGenerator random = Seeds.random(Seeds.seeds(1).sum());
		double maxRisk = 0.05;
		double alpha = 0.1;
		RiskControlPolicy policy = new RiskControlPolicy(maxRisk, alpha, Loss.DISAGREEMENT);
		int draws = 300;
		int violations = 0;
		double chosenSum = 0;
		for (int draw = 0; draw < draws; draw++) {
			int n = 400;
			int[] truth = new int[n];
			int[] first = new int[n];
			double[] confidences = new double[n];
			for (int i = 0; i < n; i++) {
				confidences[i] = random.nextDouble(0.5, 1);
				first[i] = (random.nextDouble() < 2 * (1 - confidences[i])) ? 1 : 0;
			}
			LabelledPredictions predictions = new LabelledPredictions(truth,
					List.of(new TierPredictions(first, confidences), new TierPredictions(truth, confidences)));
			double threshold = policy.choose(ThresholdSweep.of(predictions, TierCosts.of(1, 10), 3))
				.thresholds()
				.get(0);
			chosenSum += threshold;
			double trueRisk = 2 * Math.pow(1 - Math.max(0.5, threshold), 2);
			if (trueRisk > maxRisk) {
				violations++;
			}
		}
		// the largest threshold with risk 0.05 is 1 - sqrt(0.025) = 0.842
		assertThat(violations).isLessThanOrEqualTo((int) (alpha * draws + 3 * Math.sqrt(alpha * (1 - alpha) * draws)));
		assertThat(chosenSum / draws).isBetween(0.842, 0.95);
	}

	private static int losses(LabelledPredictions predictions, double threshold, Loss loss) {
		int last = predictions.tierCount() - 1;
		int losses = 0;
		for (int i = 0; i < predictions.size(); i++) {
			int tier = 0;
			while (tier < last && predictions.tier(tier).confidence(i) < threshold) {
				tier++;
			}
			int label = predictions.tier(tier).label(i);
			int reference = (loss == Loss.DISAGREEMENT) ? predictions.tier(last).label(i) : predictions.truth(i);
			if (tier < last && label != reference) {
				losses++;
			}
		}
		return losses;
	}

	private static LabelledPredictions hundredInputs(boolean lastTierWrongWhenUnsure) {
		int[] truth = new int[100];
		int[] first = new int[100];
		double[] confidences = new double[100];
		int[] last = new int[100];
		for (int i = 0; i < 100; i++) {
			boolean unsure = i >= 90;
			confidences[i] = unsure ? 0.6 : 0.95;
			first[i] = unsure ? 1 : 0;
			last[i] = (unsure && lastTierWrongWhenUnsure) ? 1 : 0;
		}
		double[] lastConfidences = new double[100];
		Arrays.fill(lastConfidences, 0.9);
		return new LabelledPredictions(truth,
				List.of(new TierPredictions(first, confidences), new TierPredictions(last, lastConfidences)));
	}

	private static int[] truthOf(LabelledPredictions predictions) {
		int[] truth = new int[predictions.size()];
		Arrays.setAll(truth, predictions::truth);
		return truth;
	}

	static LongStream seeds() {
		return Seeds.seeds(60);
	}

}
