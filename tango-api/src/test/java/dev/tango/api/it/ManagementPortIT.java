package dev.tango.api.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import dev.tango.client.TangoClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own ({@code management.server.port}), as a deployment that
 * keeps it off the public port runs it: the probes, their groups and the metrics answer
 * there, and the public port serves the API only.
 */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortIT extends ServiceIT {

	@LocalManagementPort
	int managementPort;

	@Test
	void actuatorAnswersOnItsOwnPortOnly() {
		assertThat(this.managementPort).isNotEqualTo(this.port);
		Response ready = management("/actuator/health/readiness");
		assertThat(ready.status()).as(ready.body()).isEqualTo(200);
		assertThat(ready.json()
			.at("/components/cascades/components/" + SentimentCascadeFixture.NAME + "/status")
			.stringValue()).isEqualTo("UP");
		assertThat(management("/actuator/health/liveness").status()).isEqualTo(200);
		Response classified = post("/v1/classify", "{\"inputs\": [\"A gripping, beautiful film.\"]}");
		assertThat(classified.status()).as(classified.body()).isEqualTo(200);
		Response metrics = management("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("tango_requests_seconds_count{");

		try (TangoClient client = TangoClient.builder(uri("/"))
			.managementUri(URI.create("http://localhost:" + this.managementPort))
			.build()) {
			assertThat(client.readiness().isUp()).as("the client's probes, sent to the management port").isTrue();
			assertThat(client.health().components()).containsKey("cascades");
		}

		Response publicHealth = get("/actuator/health/readiness");
		assertThat(publicHealth.status()).as("not on the public port").isEqualTo(404);
		assertThat(publicHealth.header("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(get("/actuator/prometheus").status()).isEqualTo(404);
	}

	private Response management(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.managementPort + path))
			.timeout(Duration.ofSeconds(60))
			.GET()
			.build());
	}

}
