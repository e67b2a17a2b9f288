package dev.tango.api.it;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.artifact.Sha256;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health groups, readiness while a cascade loads, serving while the database is away,
 * Actuator exposure, Prometheus metrics and the OpenAPI description.
 */
class OperationsIT extends ServiceIT {

	@Autowired
	HikariDataSource dataSource;

	@Test
	void readinessWaitsForEveryActiveCascadeToServe() throws IOException {
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
		// A new cascade of one MiniLM tier whose head file is not there yet: it cannot
		// load.
		String name = "sst2-readiness-" + System.nanoTime();
		ModelVersion minilm = active().version().tiers().get(0).model();
		Path folder = Files.createDirectories(Path.of(SentimentCascadeFixture.root(), name));
		Path head = folder.resolve("head.json");
		String content = Files.readString(Path.of(URI.create(minilm.artifacts().get(ArtifactRole.HEAD).uri()))) + "\n";
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(minilm.artifacts());
		artifacts.put(ArtifactRole.HEAD,
				new ArtifactRef(head.toUri().toString(), Sha256.of(content.getBytes(StandardCharsets.UTF_8))));
		Files.writeString(head, content);
		ModelVersion model = this.registry.registerModelVersion(new NewModelVersion(name, minilm.kind(), artifacts,
				minilm.labels(), minilm.maxInputLength(), minilm.pooling(), minilm.options(), null, "operations-test"));
		CascadeVersion version = this.registry.createCascadeVersion(new NewCascadeVersion(name,
				List.of(new NewTier(model.key(), null, 16, 2)), "one MiniLM tier", "operations-test"));
		Files.delete(head);
		this.registry.activate(ActivationRequest.of(name, version.version(), "operations-test", "readiness"));

		await().atMost(Duration.ofSeconds(20)).until(() -> get("/actuator/health/readiness").status() == 503);
		Response notReady = get("/actuator/health/readiness");
		JsonNode cascade = notReady.json().at("/components/cascades/components/" + name);
		assertThat(cascade.get("status").stringValue()).isEqualTo("DOWN");
		assertThat(cascade.at("/details/state").stringValue()).isEqualTo("FAILED");
		assertThat(cascade.at("/details/lastLoadFailure/message").stringValue()).contains(name);
		assertThat(notReady.json()
			.at("/components/cascades/components/" + SentimentCascadeFixture.NAME + "/status")
			.stringValue()).isEqualTo("UP");
		assertThat(get("/v2/health/ready").status()).isEqualTo(503);
		assertThat(get("/v2/models/" + name + "/ready").status()).isEqualTo(503);
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
		Response refused = post("/v1/cascades/" + name + "/classify", inputs(List.of("good")));
		assertThat(refused.status()).isEqualTo(503);
		assertThat(refused.json().get("type").stringValue()).isEqualTo("https://tango.dev/problems/cascade-not-ready");
		assertThat(refused.header("Retry-After")).isPresent();
		assertThat(post("/v1/classify", inputs(ClassifyIT.POSITIVE)).status()).as("other cascades serve")
			.isEqualTo(200);

		// Once the file is back, the next attempt loads and warms the cascade up.
		Files.writeString(head, content);
		await().atMost(Duration.ofMinutes(1)).until(() -> get("/actuator/health/readiness").status() == 200);
		JsonNode ready = get("/actuator/health/readiness").json();
		assertThat(ready.at("/components/cascades/components/" + name + "/details/state").stringValue())
			.isEqualTo("SERVING");
		assertThat(ready.at("/components/cascades/components/" + name + "/details/servedVersion").intValue())
			.isEqualTo(version.version());
		assertThat(get("/v2/health/ready").status()).isEqualTo(200);
		Response answer = post("/v1/cascades/" + name + "/classify", inputs(ClassifyIT.POSITIVE));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().get("tiers").size()).isEqualTo(1);
		assertThat(this.meters.get("tango.model.load.failures").tag("cascade", name).counter().count()).isPositive();
	}

	@Test
	void servesFromMemoryWhileTheDatabaseIsAway() {
		this.dataSource.getHikariPoolMXBean().suspendPool();
		try {
			this.dataSource.getHikariPoolMXBean().softEvictConnections();
			for (int i = 0; i < 5; i++) {
				Response response = post("/v1/classify", inputs(List.of(ClassifyIT.POSITIVE.get(i % 2))));
				assertThat(response.status()).as(response.body()).isEqualTo(200);
			}
			assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
			assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(get("/v2/health/ready").status()).isEqualTo(200);
		}
		finally {
			this.dataSource.getHikariPoolMXBean().resumePool();
		}
	}

	@Test
	void separatesLivenessFromReadinessAndTheDatabase() {
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
