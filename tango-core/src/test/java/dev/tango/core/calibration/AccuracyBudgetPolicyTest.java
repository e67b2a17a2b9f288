package dev.tango.core.calibration;

import org.junit.jupiter.api.Test;

import static dev.tango.core.calibration.CalibrationFixtures.fiveInputs;
import static dev.tango.core.calibration.CalibrationFixtures.labelled;
import static dev.tango.core.calibration.CalibrationFixtures.tier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class AccuracyBudgetPolicyTest {

	@Test
	void choosesTheFastestThresholdWithinBudget() {
		ThresholdChoice choice = new AccuracyBudgetPolicy()
			.choose(ThresholdSweep.of(fiveInputs(), TierCosts.of(1, 10)));

		assertThat(choice.thresholds()).containsExactly(0.7);
		assertThat(choice.constraintMet()).isTrue();
		assertThat(choice.point().accuracy()).isEqualTo(0.8);
		assertThat(choice.lastTierAccuracy()).isEqualTo(0.8);
		assertThat(choice.point().escalation()).containsExactly(0.4);
		assertThat(choice.point().speedup()).isCloseTo(2.0, within(1e-12));
		assertThat(choice.dropUpperBound()).isZero();
		assertThat(choice.policy()).isEqualTo("accuracy-budget");
		assertThat(choice.parameters()).containsExactly(entry("maxDrop", 0.005), entry("confidenceLevel", 0.9));
		assertThat(choice.method()).contains("[0.7000]", "2.00x", "90% upper confidence bound", "n = 5",
				"every higher candidate threshold", "40.0% of inputs go past the first tier");
	}

	@Test
	void aWiderBudgetAllowsMoreDrop() {
		ThresholdSweep sweep = ThresholdSweep.of(fiveInputs(), TierCosts.of(1, 10));

		// at thresholds 0 and 0.55 the drop is 0.2 with standard error 0.2: bound 0.2 at
		// level 0.5; both route alike and the tie goes to the higher threshold
		assertThat(new AccuracyBudgetPolicy(0.2, 0.5).choose(sweep).thresholds()).containsExactly(0.55);
		assertThat(new AccuracyBudgetPolicy(0.2, 0.6).choose(sweep).thresholds()).containsExactly(0.7);
	}

	@Test
	void withTwoTiersEveryHigherThresholdMustQualifyToo() {
		// the first tier alone matches the last tier's accuracy by luck; at threshold 0.8
		// the cascade drops to 0.5
		int[] truth = { 0, 0, 0, 0 };
		LabelledPredictions predictions = labelled(truth, tier(new int[] { 0, 1, 0, 0 }, 0.9, 0.8, 0.7, 0.6),
				tier(new int[] { 0, 0, 1, 0 }, 0.5, 0.5, 0.5, 0.5));
		ThresholdSweep sweep = ThresholdSweep.of(predictions, TierCosts.of(1, 10));

		ThresholdChoice choice = new AccuracyBudgetPolicy(0.005, 0.5).choose(sweep);

		assertThat(sweep.evaluate(CalibrationFixtures.thresholds(0)).accuracyDrop()).isZero();
		assertThat(sweep.evaluate(CalibrationFixtures.thresholds(0.8)).accuracyDrop()).isEqualTo(0.25);
		assertThat(choice.thresholds()).containsExactly(0.9);
		assertThat(choice.constraintMet()).isTrue();
	}

	@Test
	void withThreeTiersEveryPointIsJudgedOnItsOwn() {
		int[] truth = { 0, 0, 0, 0 };
		TierPredictions last = tier(new int[] { 0, 0, 1, 0 }, 0.5, 0.5, 0.5, 0.5);
		LabelledPredictions predictions = labelled(truth, tier(new int[] { 0, 1, 0, 0 }, 0.9, 0.8, 0.7, 0.6), last,
				last);
		ThresholdSweep sweep = ThresholdSweep.of(predictions, TierCosts.of(1, 10, 10));

		ThresholdChoice choice = new AccuracyBudgetPolicy(0.005, 0.5).choose(sweep);

		// the first tier alone (any first threshold up to 0.6): ties go to the higher
		// thresholds
		assertThat(choice.thresholds()).containsExactly(0.6, 1.0);
		assertThat(choice.point().speedup()).isEqualTo(10.0);
		assertThat(choice.method()).doesNotContain("every higher");
	}

	@Test
	void escalatesEverythingWhenNothingQualifies() {
		// the first tier is certain and wrong on input 0, which the last tier gets right
		LabelledPredictions predictions = labelled(new int[] { 0, 0, 0 }, tier(new int[] { 1, 0, 0 }, 1.0, 0.7, 0.8),
				tier(new int[] { 0, 0, 0 }, 0.5, 0.5, 0.5));

		ThresholdChoice choice = new AccuracyBudgetPolicy().choose(ThresholdSweep.of(predictions, TierCosts.of(1, 4)));

		assertThat(choice.constraintMet()).isFalse();
		assertThat(choice.thresholds()).containsExactly(1.0);
		assertThat(choice.point().escalation()).containsExactly(2.0 / 3);
		assertThat(choice.point().accuracyDrop()).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(choice.method()).startsWith("No candidate thresholds keep");
	}

	@Test
	void aSingleTierNeedsNoThreshold() {
		LabelledPredictions predictions = labelled(new int[] { 0, 1 }, tier(new int[] { 0, 0 }, 0.5, 0.5));

		ThresholdChoice choice = new AccuracyBudgetPolicy().choose(ThresholdSweep.of(predictions, TierCosts.of(2)));

		assertThat(choice.thresholds()).isEmpty();
		assertThat(choice.constraintMet()).isTrue();
		assertThat(choice.method()).contains("single tier");
	}

	@Test
	void parametersAreValidated() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccuracyBudgetPolicy(-0.1, 0.8));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccuracyBudgetPolicy(0.01, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccuracyBudgetPolicy(0.01, 0.4));
	}

}
