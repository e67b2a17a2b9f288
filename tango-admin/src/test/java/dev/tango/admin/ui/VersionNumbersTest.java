package dev.tango.admin.ui;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.models.feedback.LiveAccuracy;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.ServingReports;
import dev.tango.models.serving.VersionTraffic;

import static org.assertj.core.api.Assertions.assertThat;

class VersionNumbersTest {

	private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");

	@Test
	void everyActiveServedOrLabelledVersionHasARowNewestFirst() {
		List<ServingReport> reports = List.of(new ServingReport("api-b:2", "c", 3, 3, "SERVING", null, NOW),
				new ServingReport("api-a:1", "c", 3, 3, "SERVING", null, NOW.minusSeconds(5)),
				new ServingReport("api-c:3", "c", 3, 2, "FALLBACK", "failed", NOW),
				new ServingReport("api-d:4", "c", 3, 1, "SERVING", null,
						NOW.minus(ServingReports.STALE_AFTER).minusSeconds(1)),
				new ServingReport("api-e:5", "c", 3, null, "LOADING", null, NOW));
		List<VersionTraffic> traffic = List.of(
				new VersionTraffic("api-a:1", "c", 3, 10, 0, 0, 20, List.of(20L, 5L), 2.0, null, 4.0, 9.0, 12.0, NOW),
				new VersionTraffic("api-f:6", "c", 4, 3, 0, 0, 3, List.of(3L, 0L), 0.5, null, null, null, null, NOW),
				new VersionTraffic("api-d:4", "c", 1, 9, 0, 0, 9, List.of(9L, 9L), 1.0, null, 4.0, 5.0, 6.0,
						NOW.minus(ServingReports.STALE_AFTER).minusSeconds(1)));
		List<LiveAccuracy> accuracy = List.of(accuracy(2, null, 40, 30), accuracy(2, 0, 30, 24), accuracy(2, 1, 10, 6),
				accuracy(1, null, 4, 4), accuracy(1, 1, 4, 4));

		List<VersionNumbers> rows = VersionNumbers.of(3, reports, traffic, accuracy, NOW);

		assertThat(rows).extracting(VersionNumbers::version)
			.as("a candidate reported with traffic has a row")
			.containsExactly(4, 3, 2, 1);
		assertThat(rows.get(0).instances()).as("serving reports name the active version's instances only").isEmpty();
		assertThat(rows.get(0).traffic().inputs()).isEqualTo(3);
		rows = rows.subList(1, rows.size());
		VersionNumbers active = rows.get(0);
		assertThat(active.traffic().inputs()).isEqualTo(20);
		assertThat(active.traffic().tierShares()).containsExactly(1.0, 0.25);
		assertThat(active.active()).isTrue();
		assertThat(active.instances()).containsExactly("api-a:1", "api-b:2");
		assertThat(active.labelled()).isZero();
		assertThat(active.escalated()).isNull();
		assertThat(active.accuracy()).isNull();
		VersionNumbers fallback = rows.get(1);
		assertThat(fallback.active()).isFalse();
		assertThat(fallback.instances()).containsExactly("api-c:3");
		assertThat(fallback.labelled()).isEqualTo(40);
		assertThat(fallback.escalated()).isEqualTo(0.25);
		assertThat(fallback.accuracy()).isEqualTo(accuracy.get(0));
		VersionNumbers old = rows.get(2);
		assertThat(old.instances()).as("a stale report does not count").isEmpty();
		assertThat(old.traffic()).as("nor stale traffic").isNull();
		assertThat(old.escalated()).as("no answer of tier 1 among them").isEqualTo(1.0);
	}

	@Test
	void withoutAnActiveVersionReportsOrFeedbackThereIsNoRow() {
		assertThat(VersionNumbers.of(null, List.of(), List.of(), List.of(), NOW)).isEmpty();
	}

	private static LiveAccuracy accuracy(int version, Integer tier, long labelled, long correct) {
		return LiveAccuracy.of("c", version, tier, labelled, correct);
	}

}
