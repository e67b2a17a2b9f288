package dev.tango.api.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tango.api.TangoApiApplication;
import dev.tango.api.serving.CascadeServer;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.testsupport.ProxiedPostgresConfiguration;

import static org.awaitility.Awaitility.await;

/**
 * The service on a random port over PostgreSQL (through a proxy that a test may cut),
 * serving {@link SentimentCascadeFixture}. Every subclass without settings of its own
 * shares one application context.
 */
@SpringBootTest(classes = TangoApiApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "tango.artifacts.store=target/artifacts-it", "tango.api.request-timeout=30s",
				"tango.api.load-retry-interval=2s", "tango.registry.health.interval=500ms" })
@Import(ProxiedPostgresConfiguration.class)
abstract class ServiceIT {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	CascadeServer server;

	@Autowired
	ModelRegistry registry;

	@Autowired
	MeterRegistry meters;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@DynamicPropertySource
	static void cascade(DynamicPropertyRegistry registry) {
		registry.add("tango.registry.seed", SentimentCascadeFixture::descriptorUri);
		registry.add("tango.artifacts.allowed-roots", SentimentCascadeFixture::root);
	}

	@BeforeEach
	void awaitReady() {
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(100)).until(this.server::ready);
	}

	ActiveCascade active() {
		return this.registry.getActive(SentimentCascadeFixture.NAME).orElseThrow();
	}

	/**
	 * Returns how many requests for the fixture's cascade were refused for a reason, over
	 * all its tiers.
	 * @param reason the reason's tag, such as {@code queue_full}
	 * @return the count
	 */
	double rejections(String reason) {
		return this.meters.get("tango.rejections")
			.tag("cascade", SentimentCascadeFixture.NAME)
			.tag("reason", reason)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	Response post(String path, String json, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	Response get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	Response send(HttpRequest request) {
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request to " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Counts the requests admitted for a cascade so far, over all its versions.
	 * @param meters the service's meters
	 * @param cascade the cascade's name
	 * @return the sum of the {@code tango.request.inputs} counts tagged with the cascade
	 */
	static long admittedRequests(MeterRegistry meters, String cascade) {
		return meters.find("tango.request.inputs")
			.tag("cascade", cascade)
			.summaries()
			.stream()
			.mapToLong(DistributionSummary::count)
			.sum();
	}

	static String inputs(List<String> texts) {
		return JSON.writeValueAsString(java.util.Map.of("inputs", texts));
	}

	/**
	 * An HTTP response.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body
	 */
	record Response(int status, java.util.Map<String, List<String>> headers, String body) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		Optional<String> header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.flatMap((entry) -> entry.getValue().stream())
				.findFirst();
		}

		String contentType() {
			return header("Content-Type").orElse("");
		}

	}

}
