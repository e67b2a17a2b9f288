package dev.tango.admin.drift;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.admin.drift.DriftOverview.InstanceDrift;
import dev.tango.admin.drift.DriftOverview.StreamAlarm;
import dev.tango.admin.drift.DriftOverview.StreamDrift;
import dev.tango.core.drift.DriftStatus;
import dev.tango.core.drift.DriftStatus.Direction;
import dev.tango.core.drift.DriftStatus.Kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftOverviewTest {

	private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

	@Test
	void aStreamAlarmsWhenAnyInstanceDoesWithAnswersSummedAndLiveRatesWeightedByThem() {
		InstanceDrift a = instance("api-a:1", false, escalation(0.9, 300, 25.0, true, Direction.RISE),
				share("1", 0.5, 300, false));
		InstanceDrift b = instance("api-b:2", false, escalation(0.4, 100, 1.0, false, Direction.NONE),
				share("1", Double.NaN, 0, false));
		InstanceDrift c = instance("api-c:3", false, escalation(0.2, 100, 19.0, true, Direction.FALL),
				share("1", 0.3, 100, false));
		InstanceDrift stale = instance("api-z:9", true, escalation(1.0, 5000, 99.0, true, Direction.RISE),
				share("1", 1.0, 5000, true));

		List<StreamDrift> streams = DriftOverview.streams(List.of(a, b, c, stale));

		assertThat(streams).hasSize(2);
		StreamDrift escalation = streams.get(0);
		assertThat(escalation.kind()).isEqualTo(Kind.ESCALATION);
		assertThat(escalation.alarm()).isTrue();
		assertThat(escalation.alarms()).as("each alarming instance, the stale one left out")
			.containsExactly(new StreamAlarm("api-a:1", Direction.RISE), new StreamAlarm("api-c:3", Direction.FALL));
		assertThat(escalation.observations()).isEqualTo(500);
		assertThat(escalation.instances()).isEqualTo(3);
		assertThat(escalation.live()).isCloseTo((0.9 * 300 + 0.4 * 100 + 0.2 * 100) / 500, within(1e-12));
		assertThat(escalation.reference()).isEqualTo(0.4);
		StreamDrift share = streams.get(1);
		assertThat(share.label()).isEqualTo("1");
		assertThat(share.alarm()).isFalse();
		assertThat(share.alarms()).isEmpty();
		assertThat(share.live()).as("an instance without answers weighs nothing").isCloseTo(0.45, within(1e-12));
	}

	@Test
	void noAnswersGiveNoLiveRateAndOnlyStaleInstancesNoVerdict() {
		InstanceDrift idle = instance("api-a:1", false, escalation(Double.NaN, 0, 0, false, Direction.NONE));
		assertThat(DriftOverview.streams(List.of(idle))).singleElement()
			.satisfies((stream) -> assertThat(stream.live()).isNull());
		InstanceDrift stale = instance("api-z:9", true, escalation(1.0, 10, 30, true, Direction.RISE));
		assertThat(DriftOverview.streams(List.of(stale))).isEmpty();
	}

	private static InstanceDrift instance(String name, boolean stale, DriftStatus... streams) {
		boolean alarm = !stale && List.of(streams).stream().anyMatch(DriftStatus::alarm);
		return new InstanceDrift(name, NOW, stale, alarm, List.of(streams));
	}

	private static DriftStatus escalation(double live, long observations, double statistic, boolean alarm,
			Direction direction) {
		return new DriftStatus(Kind.ESCALATION, 0, null, 0.4, live, observations, statistic, 18.4, alarm, direction);
	}

	private static DriftStatus share(String label, double live, long observations, boolean alarm) {
		return new DriftStatus(Kind.LABEL_SHARE, 0, label, 0.5, live, observations, 0, 18.4, alarm,
				alarm ? Direction.RISE : Direction.NONE);
	}

}
