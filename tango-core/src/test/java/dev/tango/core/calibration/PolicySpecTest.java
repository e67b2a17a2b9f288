package dev.tango.core.calibration;

import java.util.Map;

import dev.tango.core.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PolicySpecTest {

	@Test
	void absentParametersTakeEachPolicysDefaults() {
		assertThat(PolicySpec.DEFAULT.toPolicy()).isEqualTo(new AccuracyBudgetPolicy());
		assertThat(PolicySpec.DEFAULT.parameters()).isEqualTo(Map.of("maxDrop", "0.005", "confidenceLevel", "0.9"));
		assertThat(new PolicySpec(EscalationBudgetPolicy.NAME, null, 0.3, null, null, null, null).toPolicy())
			.isEqualTo(new EscalationBudgetPolicy(0.3));
		assertThat(new PolicySpec(RiskControlPolicy.NAME, null, null, null, null, null, null).toPolicy())
			.isEqualTo(new RiskControlPolicy(0.05, 0.1, RiskControlPolicy.Loss.DISAGREEMENT));
	}

	@Test
	void aParameterOfAnotherPolicyIsRefusedByItsName() {
		// ignored, the risk-control policy would run without the accuracy bound asked for
		assertThatThrownBy(() -> new PolicySpec(RiskControlPolicy.NAME, 0.2, null, null, null, null, null).toPolicy())
			.isInstanceOfSatisfying(InvalidSettingException.class,
					(ex) -> assertThat(ex.setting()).isEqualTo("maxDrop"))
			.hasMessage("maxDrop does not apply to the risk-control policy");
		assertThatThrownBy(() -> new PolicySpec(AccuracyBudgetPolicy.NAME, null, null, null, null, null,
				RiskControlPolicy.Loss.ERROR)
			.toPolicy()).hasMessage("loss does not apply to the accuracy-budget policy");
		assertThatThrownBy(
				() -> new PolicySpec(EscalationBudgetPolicy.NAME, null, null, null, null, null, null).toPolicy())
			.hasMessage("maxEscalation is required by the escalation-budget policy");
	}

	@Test
	void theBoundLevelIsTheBudgetsConfidenceLevelOrOneMinusAlpha() {
		PolicySpec risk = new PolicySpec(RiskControlPolicy.NAME, null, null, null, 0.1, 0.2, null);
		assertThat(risk.boundLevel()).isEqualTo(0.8);
		assertThat(((RiskControlPolicy) risk.withBoundLevel(0.95).toPolicy()).alpha()).isCloseTo(0.05, within(1e-12));
		assertThat(PolicySpec.DEFAULT.boundLevel()).isEqualTo(AccuracyBudgetPolicy.DEFAULT_CONFIDENCE_LEVEL);
		assertThat(PolicySpec.DEFAULT.withBoundLevel(0.5).toPolicy()).isEqualTo(new AccuracyBudgetPolicy(0.005, 0.5));
	}

	@Test
	void aPolicyWithoutANameIsRefusedWithTheNames() {
		assertThatThrownBy(() -> new PolicySpec(null, 0.01, null, null, null, null, null).toPolicy())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("A policy needs a name: use accuracy-budget, escalation-budget or risk-control");
	}

}
