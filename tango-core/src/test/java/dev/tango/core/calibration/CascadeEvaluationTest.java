package dev.tango.core.calibration;

import java.util.List;

import org.junit.jupiter.api.Test;

import static dev.tango.core.calibration.CalibrationFixtures.fiveInputs;
import static dev.tango.core.calibration.CalibrationFixtures.thresholds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CascadeEvaluationTest {

	@Test
	void eachTierAloneAndTheCascadeAtItsThresholds() {
		// At 0.65 the first tier answers inputs 0, 2 and 3 (all right) and passes 1 and 4
		// on; the last tier is right on 1, wrong on 4. The cascade differs from the last
		// tier alone on no input: where the first tier answers, both give the same label.
		CascadeEvaluation evaluation = CascadeEvaluation.of(List.of("small", "large"), fiveInputs(),
				TierCosts.of(1, 10), thresholds(0.65));

		assertThat(evaluation.tiers()).extracting(CascadeEvaluation.Tier::name).containsExactly("small", "large");
		assertThat(evaluation.tiers().get(0).accuracy()).isCloseTo(0.6, within(1e-12));
		assertThat(evaluation.tiers().get(1).accuracy()).isCloseTo(0.8, within(1e-12));
		assertThat(evaluation.tiers().get(1).nanosPerInput()).isEqualTo(10);
		assertThat(evaluation.point().accuracy()).isCloseTo(0.8, within(1e-12));
		assertThat(evaluation.point().escalation()).containsExactly(0.4);
		assertThat(evaluation.point().speedup()).isCloseTo(10 / (1 + 0.4 * 10), within(1e-12));
		assertThat(evaluation.agreementWithLastTier()).isEqualTo(1.0);
		assertThat(evaluation.accuracyInterval()).isEqualTo(CascadeEvaluation.interval(0.8, 5));
		assertThat(evaluation.accuracyInterval().get(0)).isLessThan(0.8);
		assertThat(evaluation.accuracyInterval().get(1)).isGreaterThan(0.8).isLessThanOrEqualTo(1);
	}

	@Test
	void theCascadeDisagreesWithTheLastTierWhereTheFirstAnswersWrongly() {
		// At 0.5 the first tier answers everything; on input 1 it says 0 where the last
		// tier says 1.
		CascadeEvaluation evaluation = CascadeEvaluation.of(List.of("small", "large"), fiveInputs(),
				TierCosts.of(1, 10), thresholds(0.5));
		assertThat(evaluation.agreementWithLastTier()).isCloseTo(0.8, within(1e-12));
		assertThatThrownBy(() -> CascadeEvaluation.of(List.of("one"), fiveInputs(), TierCosts.of(1, 10), List.of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("1 tier names, 2 tiers of predictions and 0 thresholds do not fit one cascade");
	}

}
