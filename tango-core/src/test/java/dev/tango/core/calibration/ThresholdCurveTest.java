package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.core.Seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThresholdCurveTest {

	@Test
	void eachGatesCurveSweepsItsCandidatesWithTheOtherGatesAtTheirChosenThresholds() {
		LabelledPredictions predictions = RandomPredictions.draw(Seeds.random(7), 60, 3);
		ThresholdSweep sweep = ThresholdSweep.of(predictions, new TierCosts(List.of(1.0, 3.0, 9.0)), 6);
		List<Double> chosen = new AccuracyBudgetPolicy(0.05, 0.5).choose(sweep).thresholds();

		for (int gate = 0; gate < 2; gate++) {
			ThresholdCurve curve = ThresholdCurve.of(sweep, chosen, gate);
			assertThat(curve.gate()).isEqualTo(gate);
			assertThat(curve.points()).extracting(ThresholdCurve.Point::threshold)
				.containsExactlyElementsOf(sweep.candidates(gate));
			assertThat(curve.chosenThreshold()).isEqualTo(chosen.get(gate));
			assertThat(curve.lastTierAccuracy()).isEqualTo(predictions.lastTierAccuracy());
			for (ThresholdCurve.Point point : curve.points()) {
				List<Double> thresholds = new ArrayList<>(chosen);
				thresholds.set(gate, point.threshold());
				OperatingPoint expected = sweep.evaluate(thresholds);
				assertThat(point.accuracy()).isEqualTo(expected.accuracy());
				assertThat(point.escalation()).isEqualTo(expected.escalation().get(gate));
				assertThat(point.speedup()).isEqualTo(expected.speedup());
			}
			double chosenThreshold = chosen.get(gate);
			assertThat(curve.chosen().threshold()).isEqualTo(chosenThreshold);
		}
		assertThatThrownBy(() -> ThresholdCurve.of(sweep, chosen, 2)).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("Gate 2 and 2 thresholds do not fit a sweep of 3 tiers");
	}

	@Test
	void pointsAreKeptInIncreasingOrderOfThreshold() {
		ThresholdCurve curve = new ThresholdCurve(0,
				List.of(new ThresholdCurve.Point(0.9, 0.8, 0.6, 1.2), new ThresholdCurve.Point(0.6, 0.7, 0.1, 2.5)),
				0.6, null);
		assertThat(curve.points()).extracting(ThresholdCurve.Point::threshold).containsExactly(0.6, 0.9);
		assertThat(curve.chosen().accuracy()).isEqualTo(0.7);
		assertThatThrownBy(() -> new ThresholdCurve(0, List.of(), 0.5, null))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
