package dev.tango.api.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.tango.api.feedback.FeedbackUpkeep;
import dev.tango.api.testsupport.BundledCascadeIT;
import dev.tango.api.testsupport.LocalService;
import dev.tango.api.testsupport.MonitoringQueries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The metrics that the Helm chart's alerts ({@code prometheusrule.yaml}) and Grafana
 * dashboard ({@code dashboards/tango.json}) query are metrics the service publishes:
 * every {@code tango_…} name in the rule template and in the dashboard's expressions and
 * template variables is the name of a sample on {@code /actuator/prometheus} (so
 * {@code _bucket}, {@code _count}, {@code _sum} and {@code _total} must be the suffixes
 * Prometheus gives that meter), and every label a selector matches on is a tag of that
 * sample (but {@code job} and {@code instance}, which Prometheus adds), once the service
 * has answered requests, watched their drift and counted feedback. The release metrics,
 * published only while a release runs, are checked by {@code ReleaseFollowingIT}, and the
 * admin's job metrics by the admin's {@code JobLimitsIT}. Runs in {@link DriftIT}'s
 * context: the bundled SST-2 cascade, whose calibration holds the drift reference, so the
 * drift gauges have rows.
 */
@TestPropertySource(properties = "tango.api.drift.report-interval=1s")
class MonitoringMetricsIT extends BundledCascadeIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	FeedbackUpkeep upkeep;

	@Test
	void everyMetricTheAlertsAndTheDashboardQueryIsPublished() throws IOException {
		MonitoringQueries queries = MonitoringQueries.read((name) -> !name.startsWith(MonitoringQueries.RELEASE_METRICS)
				&& !name.startsWith(MonitoringQueries.ADMIN_METRICS));
		Map<String, Set<String>> queried = queries.metrics();
		assertThat(queried).containsKeys("tango_drift_alarm", "tango_requests_seconds_bucket", "tango_live_accuracy",
				"tango_feedback_items_total");
		assertThat(queried.get("tango_requests_seconds_count")).contains("outcome", "cascade");

		LocalService service = service();
		HttpResponse<String> answered = service
			.classify(List.of("A gripping, beautifully shot film.", "Dull and far too long."));
		assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
		JsonNode result = JSON.readTree(answered.body()).get("results").get(0);
		Map<String, String> item = Map.of("answerId", result.get("answerId").asString(), "label",
				result.get("label").asString());
		HttpResponse<String> feedback = service.post("/v1/feedback",
				JSON.writeValueAsString(Map.of("items", List.of(item))));
		assertThat(feedback.statusCode()).as(feedback.body()).isEqualTo(200);
		this.upkeep.refresh();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(queries.missingFrom(service.get("/actuator/prometheus").body()))
				.as("queried but not published")
				.isEmpty());
	}

}
