package dev.tango.admin.ui;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.tango.models.serving.ServingReports;
import dev.tango.models.serving.VersionTraffic;

import static org.assertj.core.api.Assertions.assertThat;

class LiveTrafficTest {

	private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

	@Test
	void sumsCountsAndRatesOverLiveInstancesAndTakesTheLargestLatency() {
		List<VersionTraffic> reports = List.of(
				new VersionTraffic("api-a:1", "c", 2, 10, 1, 2, 40, List.of(40L, 10L, 2L), 3.5, null, 4.0, 20.0, 30.0,
						NOW),
				new VersionTraffic("api-b:2", "c", 2, 5, 0, 1, 60, List.of(60L, 20L, 4L), 1.5, null, 6.0, 12.0, 40.0,
						NOW.minusSeconds(20)),
				new VersionTraffic("api-c:3", "c", 2, 100, 0, 0, 100, List.of(100L, 100L, 100L), 9.0, null, 90.0, 99.0,
						99.0, NOW.minus(ServingReports.STALE_AFTER).minusSeconds(1)),
				new VersionTraffic("api-a:1", "c", 1, 7, 0, 0, 7, List.of(7L, 0L), 0.1, null, null, null, null, NOW));

		LiveTraffic traffic = LiveTraffic.of(2, reports, NOW);

		assertThat(traffic.instances()).as("the stale instance is left out").isEqualTo(2);
		assertThat(traffic.inputsPerSecond()).isEqualTo(5.0);
		assertThat(traffic.requests()).isEqualTo(15);
		assertThat(traffic.inputs()).isEqualTo(100);
		assertThat(traffic.failures()).isEqualTo(1);
		assertThat(traffic.refusals()).isEqualTo(3);
		assertThat(traffic.tierInputs()).containsExactly(100L, 30L, 6L);
		assertThat(traffic.tierShares()).containsExactly(1.0, 0.3, 0.06);
		assertThat(traffic.p50Millis()).isEqualTo(6.0);
		assertThat(traffic.p95Millis()).isEqualTo(20.0);

		LiveTraffic idle = LiveTraffic.of(1, reports, NOW);
		assertThat(idle.tierShares()).containsExactly(1.0, 0.0);
		assertThat(idle.p50Millis()).as("no request in the window").isNull();
		assertThat(LiveTraffic.of(3, reports, NOW)).isNull();
		assertThat(traffic.recentTraffic()).as("no instance reports a window").isFalse();
		assertThat(traffic.recentTierInputs()).isEmpty();
	}

	@Test
	void sumsTheWindowCountsOverTheInstancesBeforeDividing() {
		List<VersionTraffic> reports = List.of(
				// 90 inputs, a 10% escalation in its window: quiet before
				report("api-a:1", List.of(1000L, 100L), new VersionTraffic.Window(90, List.of(90L, 9L), 60), NOW),
				// 10 inputs, all escalated in its window
				report("api-b:2", List.of(50L, 20L), new VersionTraffic.Window(10, List.of(10L, 10L), 35.5),
						NOW.minusSeconds(20)),
				// an instance older than the window: counted in the totals, not the
				// window
				report("api-c:3", List.of(50L, 0L), null, NOW),
				// stale: left out of both
				report("api-d:4", List.of(900L, 900L), new VersionTraffic.Window(900, List.of(900L, 900L), 60),
						NOW.minus(ServingReports.STALE_AFTER).minusSeconds(1)));

		LiveTraffic traffic = LiveTraffic.of(2, reports, NOW);

		assertThat(traffic.tierInputs()).containsExactly(1100L, 120L);
		assertThat(traffic.recentInputs()).isEqualTo(100);
		assertThat(traffic.recentTierInputs()).containsExactly(100L, 19L);
		assertThat(traffic.recentTraffic()).isTrue();
		assertThat(traffic.recentTierShares()).as("19 of 100, not the mean of 10% and 100%").containsExactly(1.0, 0.19);
		assertThat(traffic.recentSeconds()).as("the longest window of the live reports").isEqualTo(60.0);
	}

	@Test
	void aWindowWithoutInputsHasNoSharesRatherThanZeroOrNaN() {
		List<VersionTraffic> reports = List.of(
				report("api-a:1", List.of(40L, 10L), new VersionTraffic.Window(0, List.of(0L, 0L), 60), NOW),
				report("api-b:2", List.of(60L, 20L), new VersionTraffic.Window(0, List.of(0L, 0L), Double.NaN), NOW));

		LiveTraffic traffic = LiveTraffic.of(2, reports, NOW);

		assertThat(traffic.recentInputs()).isZero();
		assertThat(traffic.recentTierInputs()).containsExactly(0L, 0L);
		assertThat(traffic.recentTierShares()).isEmpty();
		assertThat(traffic.recentTraffic()).isFalse();
		assertThat(traffic.tierShares()).as("the cumulative shares stay").containsExactly(1.0, 0.3);
		assertThat(traffic.recentSeconds()).as("the one window that says its length").isEqualTo(60.0);
	}

	private static VersionTraffic report(String instance, List<Long> tierInputs, VersionTraffic.@Nullable Window window,
			Instant at) {
		return new VersionTraffic(instance, "c", 2, tierInputs.get(0), 0, 0, tierInputs.get(0), tierInputs, 1.0, window,
				5.0, 6.0, 7.0, at);
	}

}
