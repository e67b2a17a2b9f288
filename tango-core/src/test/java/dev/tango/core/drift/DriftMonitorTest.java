package dev.tango.core.drift;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.tango.core.calibration.LabelledPredictions;
import dev.tango.core.calibration.TierPredictions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

class DriftMonitorTest {

	private static final List<String> LABELS = List.of("negative", "positive");

	/** 40% of inputs go past tier 0; tier 0 answers 60/40, tier 1 30/70. */
	private static final DriftReference REFERENCE = new DriftReference(List.of(1.0, 0.4),
			List.of(List.of(0.6, 0.4), List.of(0.3, 0.7)));

	@Test
	void measuresTheReferenceFromCalibrationPredictions() {
		// Threshold 0.65: tier 0 answers inputs 0, 2, 3 (labels 0, 0, 1), tier 1 answers
		// inputs 1 and 4 (labels 1, 1).
		LabelledPredictions predictions = new LabelledPredictions(new int[] { 0, 1, 0, 1, 0 },
				List.of(new TierPredictions(new int[] { 0, 0, 0, 1, 1 }, new double[] { 0.9, 0.6, 0.7, 0.95, 0.55 }),
						new TierPredictions(new int[] { 0, 1, 0, 1, 1 }, new double[] { 0.8, 0.8, 0.8, 0.8, 0.8 })));

		DriftReference reference = DriftReference.of(predictions, List.of(0.65), 2);

		assertThat(reference.reach()).containsExactly(1.0, 0.4);
		assertThat(reference.escalation(0)).isCloseTo(0.4, within(1e-12));
		assertThat(reference.labelShares().get(0)).containsExactly(2 / 3.0, 1 / 3.0);
		assertThat(reference.labelShares().get(1)).containsExactly(0.0, 1.0);
	}

	@Test
	void watchesEachGatesEscalationAndEachTiersLabelsWithOneStatedThreshold() {
		DriftMonitor monitor = new DriftMonitor(REFERENCE, LABELS, DriftSettings.DEFAULT);

		// One escalation stream and four label streams, each two-sided: m = 10 tests,
		// h = ln(10 · 100,000 / 0.01) = ln(1e8).
		assertThat(monitor.threshold()).isCloseTo(Math.log(1e8), within(1e-9));
		assertThat(monitor.statuses()).extracting(DriftStatus::kind, DriftStatus::tier, DriftStatus::label)
			.containsExactly(tuple(DriftStatus.Kind.ESCALATION, 0, null),
					tuple(DriftStatus.Kind.LABEL_SHARE, 0, "negative"),
					tuple(DriftStatus.Kind.LABEL_SHARE, 0, "positive"),
					tuple(DriftStatus.Kind.LABEL_SHARE, 1, "negative"),
					tuple(DriftStatus.Kind.LABEL_SHARE, 1, "positive"));
		assertThat(monitor.statuses()).allSatisfy((status) -> {
			assertThat(status.observations()).isZero();
			assertThat(status.live()).isNaN();
			assertThat(status.alarm()).isFalse();
		});
	}

	@Test
	void trafficLikeTheCalibrationSetRaisesFalseAlarmsLessOftenThanStated() {
		// α = 10% per 5,000 answers over all 10 tests of the monitor.
		DriftSettings settings = new DriftSettings(0.1, 5000, 2);
		SplittableRandom random = new SplittableRandom(42);
		int runs = 200;
		int alarmed = 0;
		for (int run = 0; run < runs; run++) {
			DriftMonitor monitor = new DriftMonitor(REFERENCE, LABELS, settings);
			boolean alarm = false;
			for (int answer = 0; answer < settings.window() && !alarm; answer++) {
				observe(monitor, random, 0.4, 0.4, 0.7);
				alarm = monitor.alarm();
			}
			alarmed += alarm ? 1 : 0;
		}
		assertThat(alarmed / (double) runs).isLessThanOrEqualTo(settings.falseAlarmProbability());
	}

	@Test
	void aRiseInEscalationRaisesTheEscalationAlarmAlone() {
		DriftMonitor monitor = new DriftMonitor(REFERENCE, LABELS, DriftSettings.DEFAULT);
		SplittableRandom random = new SplittableRandom(1);
		int answers = 0;
		while (!monitor.alarm()) {
			observe(monitor, random, 0.8, 0.4, 0.7);
			answers++;
			assertThat(answers).as("answers until the alarm").isLessThan(500);
		}
		DriftStatus escalation = monitor.statuses().get(0);
		assertThat(escalation.kind()).isEqualTo(DriftStatus.Kind.ESCALATION);
		assertThat(escalation.alarm()).isTrue();
		assertThat(escalation.direction()).isEqualTo(DriftStatus.Direction.RISE);
		assertThat(escalation.statistic()).isGreaterThanOrEqualTo(escalation.threshold());
		assertThat(escalation.reference()).isCloseTo(0.4, within(1e-12));
		assertThat(escalation.live()).isGreaterThan(0.6);
		assertThat(monitor.statuses().subList(1, 5)).noneMatch(DriftStatus::alarm);
		assertThat(monitor.answers()).isEqualTo(answers);
	}

	@Test
	void aShiftInTheLabelMixOfOneTierRaisesThatTiersLabelAlarms() {
		DriftMonitor monitor = new DriftMonitor(REFERENCE, LABELS, DriftSettings.DEFAULT);
		SplittableRandom random = new SplittableRandom(2);
		for (int answer = 0; answer < 2000; answer++) {
			observe(monitor, random, 0.4, 0.8, 0.7);
		}
		List<DriftStatus> statuses = monitor.statuses();
		assertThat(statuses.get(0).alarm()).isFalse();
		assertThat(statuses.get(1).alarm()).isTrue();
		assertThat(statuses.get(1).direction()).isEqualTo(DriftStatus.Direction.FALL);
		assertThat(statuses.get(2).alarm()).isTrue();
		assertThat(statuses.get(2).direction()).isEqualTo(DriftStatus.Direction.RISE);
		assertThat(statuses.get(2).live()).isCloseTo(0.8, within(0.05));
		assertThat(statuses.subList(3, 5)).noneMatch(DriftStatus::alarm);
	}

	@Test
	void refusesAnswersOutsideTheCascadeAndSharesThatDoNotMatchTheLabels() {
		DriftMonitor monitor = new DriftMonitor(REFERENCE, LABELS, DriftSettings.DEFAULT);
		assertThatThrownBy(() -> monitor.observe(2, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> monitor.observe(0, 2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DriftMonitor(REFERENCE, List.of("a", "b", "c"), DriftSettings.DEFAULT))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DriftReference(List.of(0.5, 0.9), List.of(List.of(), List.of())))
			.isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * One answer: past tier 0 with the given probability; tier 0 answers label 1 with
	 * {@code positive0}, tier 1 with {@code positive1}.
	 */
	private static void observe(DriftMonitor monitor, SplittableRandom random, double escalation, double positive0,
			double positive1) {
		if (random.nextDouble() < escalation) {
			monitor.observe(1, (random.nextDouble() < positive1) ? 1 : 0);
		}
		else {
			monitor.observe(0, (random.nextDouble() < positive0) ? 1 : 0);
		}
	}

}
