package dev.tango.api.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The metrics that the Helm chart's alerts ({@code prometheusrule.yaml}) and Grafana
 * dashboard ({@code dashboards/tango.json}) query, and what of them a scrape of
 * {@code /actuator/prometheus} lacks: every {@code tango_…} name in the rule template and
 * in the dashboard's expressions and template variables must be the name of a sample (so
 * {@code _bucket}, {@code _count}, {@code _sum} and {@code _total} must be the suffixes
 * Prometheus gives that meter), and every label a selector matches on a tag of that
 * sample (but {@code job} and {@code instance}, which Prometheus adds).
 */
public final class MonitoringQueries {

	/**
	 * The prefix of the release metrics, which are published only while a release runs.
	 */
	public static final String RELEASE_METRICS = "tango_release_";

	/**
	 * The prefix of tango-admin's metrics, which the admin publishes (checked by the
	 * admin's {@code JobLimitsIT}), not tango-api.
	 */
	public static final String ADMIN_METRICS = "tango_admin_";

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

	private final Map<String, Set<String>> queried;

	private MonitoringQueries(Map<String, Set<String>> queried) {
		this.queried = queried;
	}

	/**
	 * Reads the chart's rule template and dashboard, from a module beside
	 * {@code deploy/}.
	 * @param names the metric names to keep
	 * @return the queries of those metrics
	 * @throws IOException if a file cannot be read
	 */
	public static MonitoringQueries read(Predicate<String> names) throws IOException {
		Map<String, Set<String>> queried = new TreeMap<>();
		selectors(Files.readString(CHART.resolve("templates/prometheusrule.yaml")), queried);
		JsonNode dashboard = JSON.readTree(Files.readString(CHART.resolve("dashboards/tango.json")));
		selectors(String.join("\n", dashboard.get("panels").findValuesAsString("expr")), queried);
		selectors(String.join("\n", dashboard.get("templating").findValuesAsString("query")), queried);
		queried.keySet().removeIf(names.negate());
		return new MonitoringQueries(queried);
	}

	/**
	 * Returns the queried metrics, each with the labels its selectors match on.
	 * @return the metrics by name
	 */
	public Map<String, Set<String>> metrics() {
		return this.queried;
	}

	/**
	 * Lists what a scrape lacks of the queries.
	 * @param scrape a scrape in the Prometheus text format
	 * @return each metric queried but not published, and each {@code name{label}} queried
	 * but not a tag of that metric; empty if none
	 */
	public List<String> missingFrom(String scrape) {
		Map<String, Set<String>> published = samples(scrape);
		List<String> missing = new ArrayList<>();
		this.queried.forEach((name, labels) -> {
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
		return missing;
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
