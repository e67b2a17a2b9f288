package dev.tango.core.calibration;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text of a calibration summary warns where the chosen thresholds are estimated, out
 * of sample, slower than the last tier alone, or losing more than an accuracy budget.
 */
class CalibrationSummaryTest {

	@Test
	void warnsWhereTheThresholdsAreEstimatedSlowerThanTheLastTierAloneOutOfSample() {
		assertThat(summary(0.97).text()).contains("Warning: out of sample these thresholds are estimated at 0.97x "
				+ "the speed of the last tier alone: serving that tier alone would be faster.");
		assertThat(summary(1.5).text()).doesNotContain("Warning");
	}

	@Test
	void warnsWhereTheDropIsEstimatedOverTheAccuracyBudgetOutOfSample() {
		assertThat(summary(1.5, 0.03).text()).contains("Warning: out of sample the accuracy drop is estimated at "
				+ "+3.00 pt (standard error +0.30 pt), over the budget of +0.50 pt");
		assertThat(summary(1.5, 0.004).text()).doesNotContain("Warning");
	}

	private static CalibrationSummary summary(double heldOutSpeedup) {
		return summary(heldOutSpeedup, 0.004);
	}

	private static CalibrationSummary summary(double heldOutSpeedup, double heldOutDrop) {
		CalibrationSummary.Point chosen = new CalibrationSummary.Point(0.9, 0.904, List.of(0.4), 1.6, 0.004);
		CalibrationSummary.Point heldOut = new CalibrationSummary.Point(0.91 - heldOutDrop, 0.91, List.of(0.6),
				heldOutSpeedup, heldOutDrop);
		return new CalibrationSummary("accuracy-budget", Map.of("maxDrop", 0.005), "The method.", true, List.of(0.9),
				0.004, "10-fold cross-fitting", 872, chosen, new CalibrationSummary.HeldOut(872, heldOut, 0.003,
						List.of(0.88, 0.92), List.of(0.8, 0.91), List.of(), "Held out"));
	}

}
