package dev.tango.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopReportTest {

	private static final long MS = 1_000_000;

	@Test
	void summarySplitsRefusalsFromAdmittedRequestsAndCountsWhatNeverCameBack() {
		List<long[]> outcomes = new ArrayList<>();
		for (int i = 1; i <= 100; i++) {
			outcomes.add(new long[] { 200, i * MS });
		}
		for (int i = 1; i <= 200; i++) {
			outcomes.add(new long[] { 429, i * 100_000L });
		}
		outcomes.add(new long[] { 503, 10_500 * MS });
		outcomes.add(new long[] { -1, 5 * MS });
		// 303 due in a 10 s window: 302 answered (one with an I/O error), one never.
		OpenLoopSummary summary = OpenLoopSummary.of(30.3, 303, outcomes, 10_000 * MS);

		assertThat(summary.succeeded()).isEqualTo(100);
		assertThat(summary.refused()).isEqualTo(200);
		assertThat(summary.timedOut()).isEqualTo(1);
		assertThat(summary.errors()).isEqualTo(2);
		assertThat(summary.admitted()).isEqualTo(103);
		assertThat(summary.admittedSuccess()).isEqualTo(100.0 / 103);
		assertThat(summary.successP50Nanos()).isEqualTo(50 * MS);
		assertThat(summary.successP99Nanos()).isEqualTo(99 * MS);
		assertThat(summary.refusalP99Nanos()).isEqualTo(198 * 100_000L);
		assertThat(summary.goodputPerSecond()).isEqualTo(10.0);
	}

	@Test
	void reportSaysWhichOverloadTargetsAreMet() {
		OpenLoopSummary good = new OpenLoopSummary(300, 3000, 950, 2000, 10, 0, 2_000 * MS, 9_000 * MS, 20 * MS, 95.0);
		OpenLoopSummary bad = new OpenLoopSummary(300, 3000, 1230, 0, 1000, 770, 9_000 * MS, 12_000 * MS, 0, 41.0);
		String text = new OpenLoopReport(List.of(new OpenLoopReport.Point(ServiceConfiguration.BATCHING, 100, 3, good),
				new OpenLoopReport.Point(ServiceConfiguration.BATCHING, 100, 3, bad)), Duration.ofSeconds(10))
			.markdown();

		assertThat(text).contains("| (a) cascade, dynamic batching | 100.0/s | 300.0/s (3.00x) | 3000 | 2000 | 95.00% |"
				+ " 2000.000 ms | 9000.000 ms | 95.0/s (95.00%) | 20.000 ms | 10 | 0 |");
		assertThat(text).contains("admitted succeeded 95.00% (target at least 95%: met); admitted p99 9000.000 ms "
				+ "(target at most the 10 s deadline: met); goodput 95.00% of capacity (target at least 90%: met); "
				+ "refusal p99 20.000 ms (target under 50 ms: met)");
		assertThat(text).contains("admitted succeeded 41.00% (target at least 95%: not met); admitted p99 "
				+ "12000.000 ms (target at most the 10 s deadline: not met); goodput 41.00% of capacity (target at "
				+ "least 90%: not met); no request refused");
		assertThat(text).contains("| 41.0/s (41.00%) | none | 1000 | 770 |");
	}

}
