package dev.tango.api.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tango.api.TangoApiApplication;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.CascadeState;
import dev.tango.models.testsupport.PostgresTestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the service while a request is in flight: readiness goes down first, the web
 * server lets the request finish, and only then do the batchers drain and the tiers
 * close. The service runs in an application of its own, which the test stops.
 */
class GracefulShutdownIT {

	private final List<String> events = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private PostgresTestDatabase.Database database;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		this.database = PostgresTestDatabase.start();
		Map<String, Object> properties = new HashMap<>(this.database.springProperties());
		properties.put("server.port", "0");
		properties.put("tango.registry.seed", SentimentCascadeFixture.descriptorUri());
		properties.put("tango.artifacts.allowed-roots", SentimentCascadeFixture.root());
		properties.put("tango.artifacts.store", "target/artifacts-it");
		// Command-line arguments, unlike the builder's default properties, take
		// precedence
		// over application.properties (whose server.port is 8080).
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		this.context = new SpringApplicationBuilder(TangoApiApplication.class)
			.listeners((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
				if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
					this.events.add("readiness down");
				}
			})
			.run(arguments);
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void answersInFlightRequestsBeforeTheTiersClose() throws Exception {
		CascadeServer server = this.context.getBean(CascadeServer.class);
		await().atMost(Duration.ofMinutes(2)).until(server::ready);
		assertThat(this.context.getEnvironment().getProperty("server.port")).as("a port the system picks")
			.isEqualTo("0");
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
		MeterRegistry meters = this.context.getBean(MeterRegistry.class);
		String review = "the story is slow , the acting uneven , yet the final act lands with real force . ";
		String body = ServiceIT.inputs(Collections.nCopies(96, review.repeat(3)));
		CompletableFuture<HttpResponse<String>> inFlight = this.http
			.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/classify"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		await().atMost(Duration.ofSeconds(30))
			.until(() -> ServiceIT.admittedRequests(meters, SentimentCascadeFixture.NAME) > 0);

		this.context.close();

		HttpResponse<String> response = inFlight.get(1, TimeUnit.MINUTES);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode answer = ServiceIT.JSON.readTree(response.body());
		assertThat(answer.get("results").size()).isEqualTo(96);
		assertThat(this.events).containsExactly("readiness down");
		assertThat(server.isRunning()).isFalse();
		assertThat(server.statuses()).allSatisfy((status) -> {
			assertThat(status.state()).isEqualTo(CascadeState.STOPPED);
			assertThat(status.servedVersion()).isNull();
		});
		assertThatRefused(port);
	}

	private void assertThatRefused(int port) {
		try {
			HttpResponse<String> late = this.http.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/health/live")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(late.statusCode()).as("a request after the shutdown").isEqualTo(-1);
		}
		catch (IOException ex) {
			// Refused: the server is gone.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
