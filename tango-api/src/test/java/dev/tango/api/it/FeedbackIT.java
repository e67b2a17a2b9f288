package dev.tango.api.it;

import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

import dev.tango.api.TangoApiApplication;
import dev.tango.api.answer.AnswerId;
import dev.tango.api.answer.AnswerIds;
import dev.tango.api.feedback.FeedbackUpkeep;
import dev.tango.api.serving.CascadeServer;
import dev.tango.core.calibration.Binomial;
import dev.tango.core.tier.TextInput;
import dev.tango.models.feedback.FeedbackEntry;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.feedback.LiveAccuracy;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feedback over real HTTP and PostgreSQL with the SST-2 cascade: answer ids that another
 * instance on the same registry verifies, live accuracy that moves as known-right and
 * known-wrong labels arrive (counts, Wilson interval, Prometheus gauges), every refusal
 * (forged, expired, unknown label, wrong text, duplicate, conflict, malformed, oversized,
 * flood, one client's flood while another client gets through), and the retention purge.
 */
@TestPropertySource(properties = { "tango.api.feedback.items-per-second=150", "tango.api.feedback.max-items=50",
		"tango.api.feedback.per-client.items-per-second=50", "tango.api.feedback.max-rows-per-cascade=1000",
		"tango.api.feedback.refresh-interval=1h", "tango.api.feedback.purge-interval=1h" })
class FeedbackIT extends ServiceIT {

	static final String CASCADE = SentimentCascadeFixture.NAME;

	static final List<String> REVIEWS = List.of("A gripping, beautifully shot film.", "Dull and far too long.",
			"The cast is superb and the script sparkles.", "A tedious mess with nothing to say.");

	@Autowired
	FeedbackStore store;

	@Autowired
	FeedbackUpkeep upkeep;

	@Autowired
	AnswerIds answerIds;

	@Autowired
	Environment environment;

	@Test
	void anotherInstanceVerifiesAnswerIdsAndLiveAccuracyFollowsTheLabels() {
		List<JsonNode> results = new ArrayList<>();
		try (ConfigurableApplicationContext other = startAnotherInstance()) {
			int port = ((WebServerApplicationContext) other).getWebServer().getPort();
			Response answered = send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://localhost:" + port + "/v1/classify"))
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString(inputs(REVIEWS)))
				.build());
			assertThat(answered.status()).as(answered.body()).isEqualTo(200);
			answered.json().get("results").forEach(results::add);
		}
		Map<Integer, long[]> before = counts();
		// the first two labelled as answered (right), the last two with the other label
		// (wrong)
		StringBuilder items = new StringBuilder();
		Map<Integer, long[]> expected = new HashMap<>();
		for (int i = 0; i < results.size(); i++) {
			JsonNode result = results.get(i);
			String predicted = result.get("label").asString();
			boolean right = i < 2;
			String label = right ? predicted : other(predicted);
			items.append((i > 0) ? "," : "")
				.append(JSON.writeValueAsString(
						Map.of("answerId", result.get("answerId").asString(), "label", label, "text", REVIEWS.get(i))));
			long[] tier = expected.computeIfAbsent(result.get("tier").get("index").asInt(), (t) -> new long[2]);
			tier[0]++;
			tier[1] += right ? 1 : 0;
		}
		Response response = post("/v1/feedback", "{\"items\": [" + items + "]}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("accepted").asInt()).isEqualTo(4);
		for (int i = 0; i < 4; i++) {
			JsonNode item = body.get("items").get(i);
			assertThat(item.get("status").asString()).isEqualTo("accepted");
			assertThat(item.get("cascade").asString()).isEqualTo(CASCADE);
			assertThat(item.get("version").asInt()).isEqualTo(active().version().version());
			assertThat(item.get("tier").asInt()).isEqualTo(results.get(i).get("tier").get("index").asInt());
			assertThat(item.get("correct").asBoolean()).isEqualTo(i < 2);
		}
		Map<Integer, long[]> after = counts();
		for (Map.Entry<Integer, long[]> tier : expected.entrySet()) {
			long[] was = before.getOrDefault(tier.getKey(), new long[2]);
			assertThat(after.get(tier.getKey())).containsExactly(was[0] + tier.getValue()[0],
					was[1] + tier.getValue()[1]);
		}
		// sent again: duplicates, not counted twice; with the other label: a conflict
		Response again = post("/v1/feedback", "{\"items\": [" + items + "]}");
		assertThat(again.json().get("duplicates").asInt()).isEqualTo(4);
		assertThat(counts()).allSatisfy((tier, count) -> assertThat(count).containsExactly(after.get(tier)));
		String first = results.get(0).get("answerId").asString();
		JsonNode conflict = post("/v1/feedback",
				"{\"items\": [" + item(first, other(results.get(0).get("label").asString()), null) + "]}")
			.json()
			.get("items")
			.get(0);
		assertThat(conflict.get("error").asString()).isEqualTo("conflicting-label");

		LiveAccuracy all = this.store.liveAccuracy(CASCADE)
			.stream()
			.filter((row) -> row.version() == active().version().version() && row.tier() == null)
			.findFirst()
			.orElseThrow();
		Binomial.Interval interval = Binomial.wilson(all.correct(), all.labelled(), 0.95);
		assertThat(all.lower()).isEqualTo(interval.lower());
		assertThat(all.upper()).isEqualTo(interval.upper());
		assertThat(all.lower()).isLessThan(all.accuracy()).isGreaterThanOrEqualTo(0);
		this.upkeep.refresh();
		String metrics = get("/actuator/prometheus").body();
		assertThat(gauge(metrics, "tango_live_accuracy", "estimate")).isCloseTo(all.accuracy(),
				org.assertj.core.api.Assertions.within(1e-9));
		assertThat(gauge(metrics, "tango_live_accuracy", "lower")).isCloseTo(all.lower(),
				org.assertj.core.api.Assertions.within(1e-9));
		assertThat(gauge(metrics, "tango_live_labelled", null)).isEqualTo(all.labelled());
	}

	@Test
	void refusesBadItemsOneByOne() {
		Response answered = post("/v1/classify", inputs(List.of(REVIEWS.get(0))));
		JsonNode result = answered.json().get("results").get(0);
		String id = result.get("answerId").asString();
		String label = result.get("label").asString();
		int version = answered.json().get("version").asInt();
		// one character of the payload changed: the signature no longer matches
		String changed = id.substring(0, 10) + ((id.charAt(10) == 'A') ? 'B' : 'A') + id.substring(11);
		byte[] otherKey = new byte[32];
		Arrays.fill(otherKey, (byte) 7);
		String sha = FeedbackEntry.textSha256(new TextInput(REVIEWS.get(0), null));
		String foreign = new AnswerIds(otherKey).sign(new AnswerId(CASCADE, version, 0, 0, sha, Instant.now()));
		String old = this.answerIds
			.sign(new AnswerId(CASCADE, version, 0, 0, sha, Instant.now().minus(Duration.ofDays(31))));
		String unknownVersion = this.answerIds.sign(new AnswerId(CASCADE, 999, 0, 0, sha, Instant.now()));
		long stored = this.store.count(CASCADE);
		Response response = post("/v1/feedback", "{\"items\": ["
				+ String.join(",", item(changed, label, null), item(foreign, label, null), item(old, label, null),
						item(unknownVersion, label, null), item("not an id", label, null), item(id, "2", null),
						item(id, label, "Another text entirely."), item(id, null, null), item(null, label, null))
				+ "]}");
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode outcomes = response.json().get("items");
		assertThat(outcomes).extracting((item) -> item.get("error").asString())
			.containsExactly("invalid-answer-id", "invalid-answer-id", "expired-answer-id", "invalid-answer-id",
					"invalid-answer-id", "unknown-label", "text-mismatch", "missing-label", "missing-text");
		assertThat(outcomes).allSatisfy((item) -> assertThat(item.get("status").asString()).isEqualTo("rejected"));
		assertThat(outcomes.get(5).get("detail").asString()).contains("'2' is not a label",
				"[0 (negative), 1 (positive)]");
		assertThat(response.json().get("rejected").asInt()).isEqualTo(9);
		assertThat(this.store.count(CASCADE)).isEqualTo(stored);
	}

	@Test
	void keepsFeedbackByTextAloneForRecalibration() {
		String text = "Feedback without an answer id, " + System.nanoTime();
		Response response = post("/v1/feedback", "{\"cascade\": \"" + CASCADE + "\", \"items\": ["
				+ item(null, "1", text) + "," + item(null, "1", text) + "]}");
		JsonNode items = response.json().get("items");
		assertThat(items.get(0).get("status").asString()).isEqualTo("accepted");
		assertThat(items.get(0).has("version")).isFalse();
		assertThat(items.get(1).get("status").asString()).isEqualTo("duplicate");
		assertThat(this.store.labelledTexts(CASCADE, 10)).anySatisfy((example) -> {
			assertThat(example.input().text()).isEqualTo(text);
			assertThat(example.label()).isEqualTo("1");
		});
		JsonNode unknown = post("/v1/feedback", "{\"cascade\": \"nope\", \"items\": [" + item(null, "1", text) + "]}")
			.json()
			.get("items")
			.get(0);
		assertThat(unknown.get("error").asString()).isEqualTo("unknown-cascade");
	}

	@Test
	void refusesMalformedOversizedAndFloodingRequestsWhole() throws InterruptedException {
		assertProblem(post("/v1/feedback", "{\"items\": [}"), 400, "malformed-request");
		assertProblem(post("/v1/feedback", "{\"items\": [], \"extra\": 1}"), 400, "malformed-request");
		assertProblem(post("/v1/feedback", "{\"items\": []}"), 400, "invalid-input");
		assertProblem(post("/v1/feedback", "{}"), 400, "invalid-input");
		Response loneSurrogate = post("/v1/feedback",
				"{\"items\": [{\"label\": \"1\", \"text\": \"\\ud800 bad film\"}]}");
		assertProblem(loneSurrogate, 400, "invalid-input");
		assertThat(loneSurrogate.json().get("detail").stringValue()).contains("Item 0 holds a lone surrogate");
		Response nul = post("/v1/feedback",
				"{\"items\": [{\"label\": \"1\", \"text\": \"good\", \"pair\": \"a\\u0000b\"}]}");
		assertProblem(nul, 400, "invalid-input");
		assertThat(nul.json().get("detail").stringValue()).contains("Item 0's pair holds a NUL character");
		Response nulCascade = post("/v1/feedback",
				"{\"cascade\": \"a\\u0000b\", \"items\": [{\"label\": \"1\", \"text\": \"good\"}]}");
		assertProblem(nulCascade, 400, "invalid-input");
		assertThat(nulCascade.json().get("detail").stringValue()).contains("The cascade's name holds a NUL character");
		String unlabelled = item(null, null, "x");
		assertProblem(post("/v1/feedback", batch(unlabelled, 51)), 413, "too-many-inputs");
		assertProblem(post("/v1/feedback", "{\"items\": [" + item(null, "1", "x".repeat(10_001)) + "]}"), 413,
				"input-too-long");
		// 50 items a second from one client, 150 from all: of eight requests of 50 sent
		// within a second, at least two are refused
		int refused = 0;
		for (int i = 0; i < 8; i++) {
			Response response = post("/v1/feedback", batch(unlabelled, 50));
			if (response.status() == 429) {
				assertProblem(response, 429, "feedback-rate-exceeded");
				assertThat(response.header("Retry-After")).hasValue("1");
				refused++;
			}
			else {
				assertThat(response.status()).isEqualTo(200);
			}
		}
		assertThat(refused).isGreaterThanOrEqualTo(2);
		Thread.sleep(1100);
		assertThat(post("/v1/feedback", batch(unlabelled, 50)).status()).isEqualTo(200);
		Thread.sleep(1100);
	}

	@Test
	void refusesAFloodingClientWhileAnotherStillGetsThrough() throws Exception {
		String unlabelled = item(null, null, "x");
		// Let the instance's 150 items a second renew after the tests before.
		Thread.sleep(1100);
		// One client, 127.0.0.1, sends its 50 items a second, and at once 50 more.
		assertThat(post("/v1/feedback", batch(unlabelled, 50)).status()).isEqualTo(200);
		Response flooded = post("/v1/feedback", batch(unlabelled, 50));
		assertProblem(flooded, 429, "feedback-rate-exceeded");
		assertThat(flooded.header("Retry-After")).hasValue("1");
		assertThat(flooded.json().get("detail").asString()).contains("50 items per second from one client");
		// Another client, from 127.0.0.2, still gets through: the instance's limit (150)
		// has room, which the flooding client's refused request did not take.
		try (HttpClient other = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build()) {
			HttpResponse<String> response = other
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/v1/feedback"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(batch(unlabelled, 50)))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		}
		Thread.sleep(1100);
	}

	@Test
	void purgesWhatIsPastTheRetention() {
		String cascade = "retention-" + System.nanoTime();
		Instant now = Instant.now();
		for (int i = 0; i < 1015; i++) {
			Instant received = (i < 5) ? now.minus(Duration.ofDays(31)) : now;
			String text = Sha256.ofUtf8(cascade + i);
			this.store.record(new FeedbackEntry(cascade, FeedbackEntry.textKey(text), null, "1", text,
					new TextInput("text " + i, null), received));
		}
		assertThat(this.store.count(cascade)).isEqualTo(1015);
		assertThat(this.upkeep.purge()).isGreaterThanOrEqualTo(15);
		assertThat(this.store.count(cascade)).isEqualTo(1000);
		List<String> kept = this.store.labelledTexts(cascade, 2000).stream().map((e) -> e.input().text()).toList();
		assertThat(kept).first().isEqualTo("text 15");
		assertThat(kept).last().isEqualTo("text 1014");
	}

	private Map<Integer, long[]> counts() {
		int version = active().version().version();
		Map<Integer, long[]> counts = new HashMap<>();
		for (LiveAccuracy row : this.store.liveAccuracy(CASCADE)) {
			if (row.version() == version && row.tier() != null) {
				counts.put(row.tier(), new long[] { row.labelled(), row.correct() });
			}
		}
		return counts;
	}

	private ConfigurableApplicationContext startAnotherInstance() {
		List<String> arguments = new ArrayList<>(
				List.of("--server.port=0", "--tango.registry.seed=" + SentimentCascadeFixture.descriptorUri(),
						"--tango.artifacts.allowed-roots=" + SentimentCascadeFixture.root(),
						"--tango.artifacts.store=target/artifacts-it"));
		for (String name : List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
				"spring.flyway.schemas", "spring.flyway.default-schema")) {
			String value = this.environment.getProperty(name);
			if (value != null) {
				arguments.add("--" + name + "=" + value);
			}
		}
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TangoApiApplication.class)
			.run(arguments.toArray(String[]::new));
		await().atMost(Duration.ofMinutes(3)).until(context.getBean(CascadeServer.class)::ready);
		return context;
	}

	/** The other label of SST-2, by its display name, as answers give it. */
	private static String other(String label) {
		return label.equals("positive") ? "negative" : "positive";
	}

	private static String item(String answerId, String label, String text) {
		Map<String, String> item = new HashMap<>();
		if (answerId != null) {
			item.put("answerId", answerId);
		}
		if (label != null) {
			item.put("label", label);
		}
		if (text != null) {
			item.put("text", text);
		}
		return JSON.writeValueAsString(item);
	}

	private static String batch(String item, int count) {
		return "{\"items\": [" + String.join(",", java.util.Collections.nCopies(count, item)) + "]}";
	}

	private static void assertProblem(Response response, int status, String type) {
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("type").asString()).isEqualTo("https://tango.dev/problems/" + type);
		assertThat(response.json().get("detail").asString()).isNotBlank();
	}

	private double gauge(String metrics, String name, String bound) {
		int version = active().version().version();
		Pattern line = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = line.matcher(metrics);
		while (matcher.find()) {
			String tags = matcher.group(1);
			if (tags.contains("cascade=\"" + CASCADE + "\"") && tags.contains("tier=\"all\"")
					&& tags.contains("version=\"" + version + "\"")
					&& (bound == null || tags.contains("bound=\"" + bound + "\""))) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("No " + name + " for " + CASCADE + " version " + version + " in\n" + metrics);
	}

}
