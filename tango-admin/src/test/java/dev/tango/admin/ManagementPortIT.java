package dev.tango.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.runtime.artifact.Sha256;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Actuator on a port of its own ({@code management.server.port}), as the Helm chart runs
 * the admin: over real HTTP against PostgreSQL, the probes, their groups and the metrics
 * answer there under the rules they had on the service's port (health and info open,
 * prometheus for roles ADMIN and METRICS, nothing else exposed), and the service's port
 * answers 404 for Actuator's paths to anyone while serving the administration as before.
 */
@AdminIntegrationTest
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortIT extends SignedInClientTests {

	private static final String METRICS_TOKEN = "metrics-token-3c1d9e7f5a2b4c6d8e0f1a3b5c7d9e1f";

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalManagementPort
	int managementPort;

	@DynamicPropertySource
	static void scraperToken(DynamicPropertyRegistry registry) {
		registry.add("tango.admin.tokens[0].name", () -> "prometheus");
		registry.add("tango.admin.tokens[0].sha256", () -> Sha256.ofUtf8(METRICS_TOKEN));
		registry.add("tango.admin.tokens[0].roles", () -> "METRICS");
	}

	@Test
	void probesAndMetricsAnswerOnTheManagementPortUnderTheirRules() {
		assertThat(this.managementPort).isPositive().isNotEqualTo(this.port);
		HttpResponse<String> ready = anonymous(this.managementPort, "/actuator/health/readiness");
		assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
		assertThat(AdminHttp.json(ready).get("status").asString()).isEqualTo("UP");
		assertThat(anonymous(this.managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(anonymous(this.managementPort, "/actuator/health").statusCode()).isEqualTo(200);
		assertThat(anonymous(this.managementPort, "/actuator/info").statusCode()).isEqualTo(200);

		assertProblem(anonymous(this.managementPort, "/actuator/prometheus"), 401, "unauthenticated");
		HttpResponse<String> scraped = withToken(this.managementPort, "/actuator/prometheus");
		assertThat(scraped.statusCode()).as("a scraper's token reads the metrics").isEqualTo(200);
		assertThat(scraped.body()).contains("jvm_memory_used_bytes", "tango_admin_jobs_oldest_queued_seconds");
		AdminHttp management = new AdminHttp(this.managementPort, AdminIntegrationTest.USER,
				AdminIntegrationTest.PASSWORD);
		assertThat(management.get("/actuator/prometheus").statusCode()).as("an admin reads them too").isEqualTo(200);

		for (String hidden : new String[] { "/actuator/env", "/actuator/beans", "/actuator/heapdump" }) {
			assertProblem(anonymous(this.managementPort, hidden), 401, "unauthenticated");
			assertProblem(management.get(hidden), 404, "not-found");
		}
	}

	@Test
	void theServicePortServesTheAdministrationAndNoActuator() {
		for (String path : new String[] { "/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health",
				"/actuator/info", "/actuator/prometheus", "/actuator" }) {
			assertProblem(anonymous(this.port, path), 404, "not-found");
			assertProblem(this.http.get(path), 404, "not-found");
		}
		assertProblem(withToken(this.port, "/actuator/prometheus"), 404, "not-found");
		assertProblem(send(request(this.port, "/actuator/prometheus").header("Authorization", "Bearer wrong-token")),
				404, "not-found");
		HttpResponse<String> page = send(request(this.port, "/actuator/health").header("Accept", "text/html"));
		assertThat(page.statusCode()).as("a browser is not sent to sign in for it").isEqualTo(404);

		assertThat(this.http.get("/api/models").statusCode()).isEqualTo(200);
		assertProblem(anonymous(this.port, "/api/models"), 401, "unauthenticated");
		assertProblem(withToken(this.port, "/api/models"), 403, "forbidden");
	}

	private HttpResponse<String> anonymous(int port, String path) {
		return send(request(port, path));
	}

	private HttpResponse<String> withToken(int port, String path) {
		return send(request(port, path).header("Authorization", "Bearer " + METRICS_TOKEN));
	}

	private static HttpRequest.Builder request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(60));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
