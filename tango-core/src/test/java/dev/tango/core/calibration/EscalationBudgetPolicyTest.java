package dev.tango.core.calibration;

import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;

import static dev.tango.core.calibration.CalibrationFixtures.fiveInputs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class EscalationBudgetPolicyTest {

	// five inputs; escalation by threshold: 0 and 0.55 none, 0.6 one, 0.7 two, 0.9
	// three, 0.95 four, 1 all; accuracy 0.6 up to 0.6, then 0.8
	private final ThresholdSweep sweep = ThresholdSweep.of(fiveInputs(), TierCosts.of(1, 10));

	@Test
	void choosesTheMostAccurateThresholdWithinBudget() {
		// at level 0.5 the bound on 2 of 5 is the median of Beta(3, 3): exactly 0.5,
		// within the budget of 0.51
		ThresholdChoice choice = new EscalationBudgetPolicy(0.51, 0.5).choose(this.sweep);

		assertThat(choice.thresholds()).containsExactly(0.7);
		assertThat(choice.point().accuracy()).isEqualTo(0.8);
		assertThat(choice.point().escalation()).containsExactly(0.4);
		assertThat(choice.constraintMet()).isTrue();
		assertThat(choice.policy()).isEqualTo("escalation-budget");
		assertThat(choice.parameters()).containsExactly(entry("maxEscalation", 0.51), entry("confidenceLevel", 0.5));
		assertThat(choice.method()).contains("[0.7000]", "highest accuracy (80.00%", "4 of 7 candidate points",
				"50% Clopper–Pearson", "at most 51.00%", "n = 5", "40.00% of inputs reach the last tier (bound 50.00%)",
				"2.00x");
	}

	@Test
	void aTighterBudgetFallsBackToTheFastestOfEquallyAccuratePoints() {
		ThresholdChoice choice = new EscalationBudgetPolicy(0.49, 0.5).choose(this.sweep);

		// thresholds 0, 0.55 and 0.6 all give 0.6; 0 and 0.55 escalate nothing, and the
		// tie goes to the higher threshold
		assertThat(choice.thresholds()).containsExactly(0.55);
		assertThat(choice.point().speedup()).isEqualTo(10.0);
	}

	@Test
	void theBoundAllowsForSamplingError() {
		// one escalation of five is 20%, but its 95% upper bound is 65.7%; no
		// escalation at 0.55 still has the bound 1 - 0.05^(1/5) = 45.1%
		EscalationBudgetPolicy policy = new EscalationBudgetPolicy(0.5);
		ThresholdChoice choice = policy.choose(this.sweep);

		assertThat(choice.thresholds()).containsExactly(0.55);
		assertThat(policy.escalationUpperBound(this.sweep.evaluate(List.of(0.55)), 5))
			.isCloseTo(1 - Math.pow(0.05, 0.2), within(1e-9));
		assertThat(policy.escalationUpperBound(this.sweep.evaluate(List.of(0.6)), 5)).isCloseTo(0.6574, within(1e-4));
		assertThat(policy.escalationUpperBound(this.sweep.evaluate(List.of(0.0)), 5)).isZero();
	}

	@Test
	void aZeroBudgetKeepsEveryInputOnTheFirstTier() {
		ThresholdChoice choice = new EscalationBudgetPolicy(0, 0.9).choose(this.sweep);

		assertThat(choice.constraintMet()).isTrue();
		assertThat(EscalationBudgetPolicy.lastTierShare(choice.point())).isZero();
	}

	@Test
	void parametersAreValidated() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EscalationBudgetPolicy(1.1));
		assertThatIllegalArgumentException().isThrownBy(() -> new EscalationBudgetPolicy(0.3, 0.4));
		assertThatIllegalArgumentException().isThrownBy(() -> new EscalationBudgetPolicy(0.3, 1));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void theChoiceIsTheMostAccurateWithinTheBound(long seed) {
		RandomGenerator random = Seeds.random(seed);
		LabelledPredictions predictions = RandomPredictions.draw(random, random.nextInt(20, 600), random.nextInt(2, 4));
		double[] costs = random.doubles(predictions.tierCount(), 1, 100).sorted().toArray();
		ThresholdSweep sweep = ThresholdSweep.of(predictions, TierCosts.of(costs), random.nextInt(3, 40));
		EscalationBudgetPolicy policy = new EscalationBudgetPolicy(random.nextDouble(0, 0.8),
				random.nextDouble(0.5, 0.99));

		ThresholdChoice choice = policy.choose(sweep);

		int n = predictions.size();
		assertThat(policy.escalationUpperBound(choice.point(), n)).isLessThanOrEqualTo(policy.maxEscalation());
		assertThat(choice.point()).isEqualTo(sweep.evaluate(choice.thresholds()));
		for (OperatingPoint point : sweep.points()) {
			if (policy.escalationUpperBound(point, n) <= policy.maxEscalation()) {
				assertThat(point.accuracy()).isLessThanOrEqualTo(choice.point().accuracy());
			}
		}
	}

	static LongStream seeds() {
		return Seeds.seeds(60);
	}

}
