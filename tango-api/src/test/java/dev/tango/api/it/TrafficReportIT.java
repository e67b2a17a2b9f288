package dev.tango.api.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.api.serving.ServingReporter;
import dev.tango.api.traffic.TrafficReport;
import dev.tango.models.serving.ServingTraffic;
import dev.tango.models.serving.VersionTraffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The traffic report end to end: requests sent over real HTTP to the service over
 * PostgreSQL show up, counted exactly, in this instance's row of {@code serving_traffic}
 * for the version that answered: requests, answered inputs, inputs per tier (as the
 * answers name their tiers), a rate and latency percentiles; an invalid request counts
 * nowhere. The recent window (shortened here to {@link #WINDOW}) counts the same inputs
 * while they are recent, and drops back to zero once a window passes without traffic,
 * while the cumulative counters stay.
 */
@TestPropertySource(properties = "tango.api.serving-reports.traffic-window=" + TrafficReportIT.WINDOW_SECONDS + "s")
class TrafficReportIT extends ServiceIT {

	/**
	 * Long enough that the first write after the requests (within a write interval and a
	 * sampling turn) still holds them all in its window.
	 */
	static final int WINDOW_SECONDS = 12;

	static final Duration WINDOW = Duration.ofSeconds(WINDOW_SECONDS);

	@Autowired
	ServingTraffic traffic;

	@Autowired
	ServingReporter reporter;

	@Test
	void reportsTheExactTrafficOfTheServedVersion() {
		int version = active().version().version();
		VersionTraffic before = await().atMost(WINDOW.plus(TrafficReport.WRITE_INTERVAL.multipliedBy(3)))
			.until(this::row, (row) -> row != null && row.window() != null && row.window().inputs() == 0);
		assertThat(before.window().tierInputs()).as("a quiet window").containsExactly(0L, 0L);
		List<List<String>> requests = List.of(List.of(ClassifyIT.POSITIVE.get(0), ClassifyIT.NEGATIVE.get(0)),
				List.of(ClassifyIT.POSITIVE.get(1), ClassifyIT.NEGATIVE.get(1)),
				List.of("it was fine , i guess .", "a truly great film .", "the worst movie of the year ."));
		List<Integer> tiers = new ArrayList<>();
		for (List<String> texts : requests) {
			Response response = post("/v1/classify", inputs(texts));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			assertThat(response.json().get("version").asInt()).isEqualTo(version);
			for (JsonNode result : response.json().get("results")) {
				tiers.add(result.get("tier").get("index").intValue());
			}
		}
		assertThat(post("/v1/classify", "{\"inputs\": []}").status()).isEqualTo(400);
		long escalated = tiers.stream().filter((tier) -> tier > 0).count();

		VersionTraffic after = await().atMost(TrafficReport.WRITE_INTERVAL.multipliedBy(3))
			.pollInterval(Duration.ofMillis(200))
			.until(this::row, (row) -> row != null && row.requests() == before.requests() + 3);
		assertThat(after.version()).isEqualTo(version);
		assertThat(after.inputs()).isEqualTo(before.inputs() + 7);
		assertThat(after.tierInputs()).hasSize(2);
		assertThat(after.tierInputs().get(0)).isEqualTo(before.tierInputs().get(0) + 7);
		assertThat(after.tierInputs().get(1)).isEqualTo(before.tierInputs().get(1) + escalated);
		assertThat(after.failures()).isEqualTo(before.failures());
		assertThat(after.refusals()).isEqualTo(before.refusals());
		assertThat(after.inputsPerSecond()).isPositive();
		assertThat(after.p50Millis()).isPositive();
		assertThat(after.p95Millis()).isGreaterThanOrEqualTo(after.p50Millis());
		assertThat(after.p99Millis()).isGreaterThanOrEqualTo(after.p95Millis());
		assertThat(after.window().inputs()).as("the window holds exactly the new traffic").isEqualTo(7);
		assertThat(after.window().tierInputs()).containsExactly(7L, escalated);
		assertThat(after.window().seconds()).as("the time the window covers")
			.isPositive()
			.isLessThanOrEqualTo(WINDOW.toMillis() / 1000.0);

		VersionTraffic quiet = await().atMost(WINDOW.plus(TrafficReport.WRITE_INTERVAL.multipliedBy(3)))
			.pollInterval(Duration.ofMillis(500))
			.until(this::row, (row) -> row != null && row.window().inputs() == 0);
		assertThat(quiet.window().tierInputs()).as("a window without traffic").containsExactly(0L, 0L);
		assertThat(quiet.window().seconds()).as("a full window").isGreaterThan(WINDOW.toMillis() / 2000.0);
		assertThat(quiet.inputs()).as("the cumulative counters stay").isEqualTo(after.inputs());
		assertThat(quiet.tierInputs()).isEqualTo(after.tierInputs());
		assertThat(quiet.inputsPerSecond()).isZero();
	}

	private VersionTraffic row() {
		int version = active().version().version();
		return this.traffic.list(SentimentCascadeFixture.NAME)
			.stream()
			.filter((row) -> row.instance().equals(this.reporter.instance()) && row.version() == version)
			.findFirst()
			.orElse(null);
	}

}
