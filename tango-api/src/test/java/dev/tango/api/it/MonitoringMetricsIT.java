package dev.tango.api.it;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.tango.api.TangoApiApplication;
import dev.tango.api.feedback.FeedbackUpkeep;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.testsupport.LocalService;
import dev.tango.models.testsupport.PostgresTestConfiguration;

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
 * has answered requests, watched their drift and counted feedback. Runs in
 * {@link DriftIT}'s context: the bundled SST-2 cascade, whose calibration holds the drift
 * reference, so the drift gauges have rows.
 */
@SpringBootTest(classes = TangoApiApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tango.registry.seed=classpath:tango/cascades/sst2-sentiment/cascade.json",
				"tango.artifacts.store=target/artifacts-it", "tango.api.request-timeout=60s",
				"tango.api.drift.report-interval=1s" })
@Import(PostgresTestConfiguration.class)
class MonitoringMetricsIT {

	private static final Path CHART = Path.of("..", "deploy", "helm", "tango");

	/**
	 * A metric name, then maybe label matchers in braces (whose values may hold braces).
	 */
	private static final Pattern SELECTOR = Pattern.compile("\\b(tango_\\w+)(\\{(?:[^}\"]|\"[^\"]*\")*\\})?");

	private static final Pattern MATCHER = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)\\s*\"");

	private static final Pattern SAMPLE_LABEL = Pattern.compile("(\\w+)=\"(?:[^\"\\\\]|\\\\.)*\"");

	/** The labels Prometheus adds to every sample it scrapes. */
	private static final Set<String> TARGET_LABELS = Set.of("job", "instance");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	CascadeServer server;

	@Autowired
	FeedbackUpkeep upkeep;

	@Test
	void everyMetricTheAlertsAndTheDashboardQueryIsPublished() throws IOException {
		Map<String, Set<String>> queried = new TreeMap<>();
		selectors(Files.readString(CHART.resolve("templates/prometheusrule.yaml")), queried);
		selectors(dashboardQueries(), queried);
		assertThat(queried).containsKeys("tango_drift_alarm", "tango_requests_seconds_bucket", "tango_live_accuracy");
		assertThat(queried.get("tango_requests_seconds_count")).contains("outcome", "cascade");

		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(this.server::ready);
		LocalService service = new LocalService(this.port);
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

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, Set<String>> published = samples(service.get("/actuator/prometheus").body());
			List<String> missing = new ArrayList<>();
			queried.forEach((name, labels) -> {
				Set<String> tags = published.get(name);
				if (tags == null) {
					missing.add(name);
				}
				else {
					labels.stream()
						.filter((label) -> !tags.contains(label))
						.forEach((label) -> missing.add(name + "{" + label + "}"));
				}
			});
			assertThat(missing).as("queried but not published").isEmpty();
		});
	}

	/**
	 * The PromQL of the dashboard: its panels' expressions and its variables' queries.
	 */
	private static String dashboardQueries() throws IOException {
		JsonNode dashboard = JSON.readTree(Files.readString(CHART.resolve("dashboards/tango.json")));
		String expressions = String.join("\n", dashboard.get("panels").findValuesAsString("expr"));
		String variables = String.join("\n", dashboard.get("templating").findValuesAsString("query"));
		return expressions + "\n" + variables;
	}

	/**
	 * Adds the {@code tango_…} metrics a text names, each with the labels its selectors
	 * match on.
	 */
	private static void selectors(String text, Map<String, Set<String>> queried) {
		Matcher selector = SELECTOR.matcher(text);
		while (selector.find()) {
			Set<String> labels = queried.computeIfAbsent(selector.group(1), (name) -> new TreeSet<>());
			if (selector.group(2) != null) {
				Matcher matcher = MATCHER.matcher(selector.group(2));
				while (matcher.find()) {
					labels.add(matcher.group(1));
				}
				labels.removeAll(TARGET_LABELS);
			}
		}
	}

	/** The sample names of a scrape in the Prometheus text format, with their labels. */
	private static Map<String, Set<String>> samples(String scrape) {
		Map<String, Set<String>> samples = new HashMap<>();
		scrape.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).forEach((line) -> {
			String[] parts = line.split("[{ ]", 2);
			Set<String> labels = samples.computeIfAbsent(parts[0], (name) -> new HashSet<>());
			if (line.charAt(parts[0].length()) == '{') {
				Matcher label = SAMPLE_LABEL.matcher(line.substring(parts[0].length()));
				while (label.find()) {
					labels.add(label.group(1));
				}
			}
		});
		return samples;
	}

}
