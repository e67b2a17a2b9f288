package dev.tango.api.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tango.api.serving.ServingReporter;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.ServingReports;
import dev.tango.models.testsupport.TcpProxy;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Health groups, readiness while a cascade fails to load, fallback to an older version,
 * serving and fast probes while the database is away, Actuator exposure, Prometheus
 * metrics and the OpenAPI description.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT extends ServiceIT {

	@Autowired
	TcpProxy proxy;

	@Autowired
	ServingReports servingReports;

	@Autowired
	ServingReporter servingReporter;

	@Test
	void aCascadeThatFailsToLoadDoesNotMakeTheServiceUnready() throws IOException {
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
		// A new cascade of one MiniLM tier whose head file is not there yet: it cannot
		// load, and it has no older version.
		String name = "sst2-broken-" + System.nanoTime();
		Path folder = Files.createDirectories(Path.of(SentimentCascadeFixture.root(), name));
		Path head = folder.resolve("head.json");
		String content = headContent();
		CascadeVersion version = this.registry.createCascadeVersion(new NewCascadeVersion(name,
				List.of(new NewTier(registerMiniLm(name, head, content).key(), null, 16, 2)), "one MiniLM tier",
				"operations-test"));
		Files.delete(head);
		this.registry.activate(ActivationRequest.of(name, version.version(), "operations-test", "isolation"));

		awaitCascadeHealth("/actuator/health", name, "/status", "FAILED", Duration.ofSeconds(30));
		Response ready = get("/actuator/health/readiness");
		assertThat(ready.status()).as(ready.body()).isEqualTo(200);
		JsonNode cascade = ready.json().at("/components/cascades/components/" + name);
		assertThat(cascade.at("/details/state").stringValue()).isEqualTo("FAILED");
		assertThat(cascade.at("/details/lastLoadFailure/message").stringValue()).contains(name, "failed to load");
		assertThat(ready.body()).as("public details name no file").doesNotContain(folder.toString(), "file:");
		assertThat(ready.json()
			.at("/components/cascades/components/" + SentimentCascadeFixture.NAME + "/status")
			.stringValue()).isEqualTo("UP");
		assertThat(get("/v2/health/ready").status()).isEqualTo(200);
		assertThat(get("/v2/models/" + name + "/ready").status()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
		Response refused = post("/v1/cascades/" + name + "/classify", inputs(List.of("good")));
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("type").stringValue()).isEqualTo("https://tango.dev/problems/cascade-not-ready");
		assertThat(refused.header("Retry-After")).isPresent();
		assertThat(refused.body()).doesNotContain(folder.toString(), "file:");
		Response oip = post("/v2/models/" + name + "/infer", """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["good"]}]}""");
		assertThat(oip.status()).isEqualTo(503);
		assertThat(oip.body()).doesNotContain(folder.toString(), "file:");
		assertThat(post("/v1/classify", inputs(ClassifyIT.POSITIVE)).status()).as("other cascades serve")
			.isEqualTo(200);

		// Once the file is back, the next attempt loads and warms the cascade up.
		Files.writeString(head, content);
		awaitCascadeHealth("/actuator/health/readiness", name, "/details/state", "SERVING", Duration.ofMinutes(1));
		Response answer = post("/v1/cascades/" + name + "/classify", inputs(ClassifyIT.POSITIVE));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("tiers").size()).isEqualTo(1);
		assertThat(this.meters.get("tango.model.load.failures").tag("cascade", name).counter().count()).isPositive();
	}

	@Test
	void aCascadeWhoseActiveVersionFailsFallsBackToTheNewestOlderOneThatLoads(CapturedOutput output)
			throws IOException {
		String name = "sst2-fallback-" + System.nanoTime();
		Path folder = Files.createDirectories(Path.of(SentimentCascadeFixture.root(), name));
		String content = headContent();
		ModelVersion good = registerMiniLm(name + "-a", folder.resolve("head-a.json"), content);
		Path brokenHead = folder.resolve("head-b.json");
		ModelVersion broken = registerMiniLm(name + "-b", brokenHead, content);
		Files.delete(brokenHead);
		CascadeVersion first = this.registry.createCascadeVersion(
				new NewCascadeVersion(name, List.of(new NewTier(good.key(), null, 16, 2)), "loads", "operations-test"));
		CascadeVersion second = this.registry.createCascadeVersion(new NewCascadeVersion(name,
				List.of(new NewTier(broken.key(), null, 16, 2)), "head missing", "operations-test"));
		// Only the newest version was ever active: nothing of this cascade served before.
		this.registry.activate(ActivationRequest.of(name, second.version(), "operations-test", "fallback"));

		awaitCascadeHealth("/actuator/health", name, "/details/state", "FALLBACK", Duration.ofMinutes(1));
		Response ready = get("/actuator/health/readiness");
		assertThat(ready.status()).isEqualTo(200);
		JsonNode details = ready.json().at("/components/cascades/components/" + name + "/details");
		assertThat(details.get("activeVersion").intValue()).isEqualTo(second.version());
		assertThat(details.get("servedVersion").intValue()).isEqualTo(first.version());
		assertThat(details.at("/lastLoadFailure/version").intValue()).isEqualTo(second.version());
		assertThat(ready.body()).doesNotContain(folder.toString(), "file:");
		Response answer = post("/v1/cascades/" + name + "/classify", inputs(ClassifyIT.POSITIVE));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("version").intValue()).isEqualTo(first.version());
		String metrics = get("/actuator/prometheus").body();
		assertThat(metrics).containsPattern("tango_cascade_fallback\\{.*cascade=\"" + name + "\".*\\} 1");
		assertThat(metrics)
			.containsPattern("tango_cascade_version\\{.*cascade=\"" + name + "\".*\\} " + first.version());
		// logged once the older version serves, so maybe after the health shows it
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains("Cascade " + name + " version " + second.version()
					+ " failed to load; version " + first.version() + ", the newest that loads, serves instead"));
		// The registry records it for the admin, without file paths.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.servingReports.list(name)).singleElement().satisfies((report) -> {
				assertThat(report.instance()).isEqualTo(this.servingReporter.instance());
				assertThat(report.state()).isEqualTo("FALLBACK");
				assertThat(report.activeVersion()).isEqualTo(second.version());
				assertThat(report.servedVersion()).isEqualTo(first.version());
				assertThat(report.message()).contains(name, "version " + second.version(), "failed to load")
					.doesNotContain(folder.toString(), "file:");
			}));

		// Once the active version loads, it serves and the fallback ends.
		Files.writeString(brokenHead, content);
		awaitCascadeHealth("/actuator/health", name, "/details/state", "SERVING", Duration.ofMinutes(1));
		assertThat(get("/actuator/prometheus").body())
			.containsPattern("tango_cascade_fallback\\{.*cascade=\"" + name + "\".*\\} 0");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.servingReports.list(name))
				.extracting(ServingReport::state, ServingReport::servedVersion, ServingReport::message)
				.containsExactly(tuple("SERVING", second.version(), null)));
	}

	/**
	 * Waits until a value below a cascade's component of a health endpoint is the one
	 * expected.
	 */
	private void awaitCascadeHealth(String endpoint, String cascade, String pointer, String expected, Duration within) {
		await().atMost(within)
			.until(() -> expected
				.equals(get(endpoint).json().at("/components/cascades/components/" + cascade + pointer).asString()));
	}

	private String headContent() throws IOException {
		ModelVersion minilm = active().version().tiers().get(0).model();
		return Files.readString(Path.of(URI.create(minilm.artifacts().get(ArtifactRole.HEAD).uri()))) + "\n";
	}

	/**
	 * Registers a model version of the fixture's MiniLM tier with its head written to a
	 * file of its own.
	 */
	private ModelVersion registerMiniLm(String name, Path head, String content) throws IOException {
		ModelVersion minilm = active().version().tiers().get(0).model();
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(minilm.artifacts());
		artifacts.put(ArtifactRole.HEAD,
				new ArtifactRef(head.toUri().toString(), Sha256.of(content.getBytes(StandardCharsets.UTF_8))));
		Files.writeString(head, content);
		return this.registry.registerModelVersion(new NewModelVersion(name, minilm.kind(), artifacts, minilm.labels(),
				minilm.maxInputLength(), minilm.pooling(), minilm.options(), null, "operations-test"));
	}

	@Test
	void servingReportsOfKilledInstancesExpireAndAStoppingInstanceWithdrawsItsOwn() {
		String cascade = SentimentCascadeFixture.NAME;
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		// An instance killed two hours ago, and one silent for ten minutes: both stale,
		// only the first past the default retention of an hour.
		ServingReport killed = new ServingReport("killed-" + System.nanoTime() + ":1", cascade, 1, 1, "SERVING", null,
				now.minus(Duration.ofHours(2)));
		ServingReport silent = new ServingReport("silent-" + System.nanoTime() + ":2", cascade, 1, 1, "SERVING", null,
				now.minus(Duration.ofMinutes(10)));
		this.servingReports.save(killed);
		this.servingReports.save(silent);
		try {
			await().atMost(ServingReports.HEARTBEAT.multipliedBy(2))
				.untilAsserted(() -> assertThat(this.servingReports.list(cascade)).extracting(ServingReport::instance)
					.doesNotContain(killed.instance())
					.contains(silent.instance(), this.servingReporter.instance()));
			this.servingReporter.stop();
			// stop() waits a second at most for the delete, which may land later
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.servingReports.list(cascade)).extracting(ServingReport::instance)
					.doesNotContain(this.servingReporter.instance())
					.contains(silent.instance()));
		}
		finally {
			this.servingReporter.start();
			this.servingReports.deleteAll(silent.instance());
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.servingReports.list(cascade)).extracting(ServingReport::instance)
				.contains(this.servingReporter.instance()));
	}

	@Test
	void servesFromMemoryAndAnswersProbesAtOnceWhileTheDatabaseIsAway(CapturedOutput output) {
		String reportsFailed = "Cannot record this instance's serving reports in the registry; serving goes on";
		int failuresBefore = count(output.getOut(), reportsFailed);
		this.proxy.cut();
		try {
			await().atMost(Duration.ofSeconds(15))
				.until(() -> "DOWN".equals(get("/actuator/health").json().at("/components/db/status").stringValue()));
			assertThat(get("/actuator/health").json().at("/components/db/details/error").stringValue())
				.as("the public health names the failure, not the database's address or what it said")
				.endsWith("(the service's log says more)")
				.doesNotContain("127.0.0.1", "jdbc:", "password");
			for (int i = 0; i < 5; i++) {
				Response response = post("/v1/classify", inputs(List.of(ClassifyIT.POSITIVE.get(i % 2))));
				assertThat(response.status()).as(response.body()).isEqualTo(200);
			}
			List<Long> probes = new ArrayList<>();
			for (String path : Collections
				.nCopies(5, List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness",
						"/v2/health/ready"))
				.stream()
				.flatMap(List::stream)
				.toList()) {
				long start = System.nanoTime();
				Response response = get(path);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				probes.add(took.toMillis());
				assertThat(took).as(path).isLessThan(Duration.ofSeconds(1));
				assertThat(response.status()).as(path).isEqualTo(path.equals("/actuator/health") ? 503 : 200);
			}
			Response feedback = post("/v1/feedback", "{\"items\": [{\"label\": \"1\", \"text\": \"a fine film .\"}]}");
			assertThat(feedback.status()).as(feedback.body()).isEqualTo(503);
			assertThat(feedback.json().get("type").stringValue()).endsWith("/feedback-unavailable");
			assertThat(feedback.header("Retry-After")).isPresent();
			Collections.sort(probes);
			System.out.printf(
					"Outage figures: %d API health probes while the database was away: p50 %d ms, max %d ms%n",
					probes.size(), probes.get(probes.size() / 2 - 1), probes.get(probes.size() - 1));
			// The serving reports' heartbeat fails, is logged once, and serving goes on.
			await().atMost(ServingReports.HEARTBEAT.multipliedBy(4))
				.until(() -> count(output.getOut(), reportsFailed) > failuresBefore);
			assertThat(post("/v1/classify", inputs(ClassifyIT.POSITIVE)).status()).isEqualTo(200);
		}
		finally {
			this.proxy.restore();
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "UP".equals(get("/actuator/health").json().at("/components/db/status").stringValue()));
		await().atMost(ServingReports.HEARTBEAT.multipliedBy(4))
			.until(() -> output.getOut().contains("Serving reports are recorded in the registry again"));
		assertThat(count(output.getOut(), reportsFailed)).as("logged once per outage").isEqualTo(failuresBefore + 1);
		assertThat(this.servingReports.list(SentimentCascadeFixture.NAME))
			.anySatisfy((report) -> assertThat(report.instance()).isEqualTo(this.servingReporter.instance()));
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	@Test
	void separatesLivenessFromReadinessAndTheDatabase() {
		// a test before may have cut the database: the background check sees it back
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "UP".equals(get("/actuator/health").json().at("/components/db/status").stringValue()));
		JsonNode liveness = get("/actuator/health/liveness").json();
		assertThat(liveness.get("status").stringValue()).isEqualTo("UP");
		assertThat(liveness.get("components").propertyNames()).containsExactly("livenessState");
		JsonNode readiness = get("/actuator/health/readiness").json();
		assertThat(readiness.at("/components/cascades/components/" + SentimentCascadeFixture.NAME + "/status")
			.stringValue()).isEqualTo("UP");
		assertThat(readiness.at("/components/db").isMissingNode()).isTrue();
		JsonNode health = get("/actuator/health").json();
		assertThat(health.at("/components/db/status").stringValue()).isEqualTo("UP");
		JsonNode cascade = health.at("/components/cascades/components/" + SentimentCascadeFixture.NAME + "/details");
		assertThat(cascade.get("servedVersion").intValue()).isEqualTo(active().version().version());
		assertThat(cascade.get("tiers").size()).isEqualTo(2);
	}

	@Test
	void exposesOnlyHealthInfoAndPrometheus() {
		assertThat(get("/actuator/info").status()).isEqualTo(200);
		for (String endpoint : List.of("env", "beans", "configprops", "heapdump", "threaddump", "metrics", "loggers")) {
			assertThat(get("/actuator/" + endpoint).status()).as(endpoint).isEqualTo(404);
		}
	}

	@Test
	void publishesPrometheusMetrics() {
		assertThat(
				post("/v1/classify", inputs(List.of(ClassifyIT.POSITIVE.get(0), ClassifyIT.NEGATIVE.get(0)))).status())
			.isEqualTo(200);
		assertThat(post("/v1/classify", "{\"inputs\": []}").status()).isEqualTo(400);
		Response scrape = get("/actuator/prometheus");
		assertThat(scrape.status()).isEqualTo(200);
		String text = scrape.body();
		String cascade = "cascade=\"" + SentimentCascadeFixture.NAME + "\"";
		assertThat(text).containsPattern("tango_requests_seconds_count\\{.*" + cascade
				+ ".*outcome=\"success\".*protocol=\"native\".*\\} [1-9]");
		assertThat(text).containsPattern("tango_requests_seconds_count\\{.*outcome=\"invalid\".*\\} [1-9]");
		assertThat(text).containsPattern("tango_answers_total\\{.*" + cascade + ".*tier=\"0\".*\\} [1-9]");
		assertThat(text).containsPattern("tango_batch_size_count\\{.*tier=\"0\".*\\} [1-9]");
		assertThat(text).containsPattern("tango_batch_queue_wait_seconds_count\\{.*tier=\"1\".*\\}");
		assertThat(text).contains("tango_batch_compute_seconds", "tango_queue_depth{", "tango_cascade_version{",
				"tango_rejections_total{", "tango_model_loads_seconds_count{", "tango_request_inputs_count{");
		assertThat(text)
			.containsPattern("tango_cascade_version\\{.*" + cascade + ".*\\} " + active().version().version());
	}

	@Test
	void describesTheApiWithOpenApi() {
		Response docs = get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);
		JsonNode paths = docs.json().get("paths");
		assertThat(paths.has("/v1/classify")).isTrue();
		assertThat(paths.has("/v1/cascades/{name}/classify")).isTrue();
		assertThat(paths.has("/v2/models/{name}/infer")).isTrue();
		assertThat(docs.json().at("/components/schemas/ClassifyRequest/properties/inputs").isMissingNode()).isFalse();
		assertThat(paths.at("/~1v1~1classify/post/responses/429/content/application~1problem+json/schema/$ref")
			.stringValue()).isEqualTo("#/components/schemas/Problem");
		assertThat(paths.at("/~1v2~1models~1{name}~1infer/post/responses/400/content/application~1json/schema/$ref")
			.stringValue()).isEqualTo("#/components/schemas/InferenceError");
		assertThat(get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

}
