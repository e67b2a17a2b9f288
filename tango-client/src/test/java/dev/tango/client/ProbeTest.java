package dev.tango.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.core.JacksonException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The probes against a real HTTP server on a loopback port: a 503 reads as not ready or
 * down whatever its body (empty, a load balancer's page, a problem detail); only a 200
 * whose body is not the JSON expected is an error. A 503 with a health report is read in
 * {@link RetryTest}.
 */
class ProbeTest {

	private static final String PROBLEM = """
			{"type": "https://tango.dev/problems/not-ready", "title": "Not ready", "status": 503}
			""";

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	@RegisterExtension
	final ScriptedServer management = new ScriptedServer();

	@Test
	void readsA503AsNotReadyWhateverItsBody() {
		TangoClient client = clientAnsweringThree503s();

		assertThat(client.serverReady()).isFalse();
		assertThat(client.modelReady("m")).isFalse();
		assertThat(client.modelReady("m", "2")).isFalse();
		assertThat(this.server.received()).hasSize(3);
	}

	@Test
	void readsA503WithoutAHealthReportAsDown() {
		TangoClient client = clientAnsweringThree503s();

		Health empty = client.health();
		Health page = client.readiness();
		Health problem = client.liveness();

		assertThat(empty.status()).isEqualTo("DOWN");
		assertThat(page.status()).isEqualTo("DOWN");
		assertThat(problem.status()).isEqualTo("DOWN");
		assertThat(problem.isUp()).isFalse();
		assertThat(problem.components()).isEmpty();
		assertThat(problem.details()).isEmpty();
	}

	@Test
	void failsA200WhoseBodyIsNotTheJsonExpected() {
		this.server.then(200, "text/html", "<html>OK</html>").then(200, "text/html", "<html>OK</html>");
		TangoClient client = TangoClient.builder(this.server.uri()).build();

		assertThatExceptionOfType(JacksonException.class).isThrownBy(client::readiness);
		assertThatExceptionOfType(JacksonException.class).isThrownBy(client::serverReady);
	}

	@Test
	void sendsTheActuatorProbesToTheManagementUriWhereOneIsSet() {
		String up = "{\"status\": \"UP\"}";
		this.management.then(200, "application/json", up).then(200, "application/json", up);
		this.server.then(200, "application/json", "{\"ready\": true}");
		TangoClient client = TangoClient.builder(this.server.uri())
			.managementUri(this.management.uri())
			.apiKey("s3cret")
			.build()
			.withRetry(RetryPolicy.none());

		assertThat(client.readiness().isUp()).isTrue();
		assertThat(client.health().isUp()).isTrue();
		assertThat(client.serverReady()).as("the protocol's probe stays on the base URI").isTrue();
		assertThat(this.management.received()).extracting(ScriptedServer.Received::path)
			.containsExactly("/actuator/health/readiness", "/actuator/health");
		assertThat(this.server.received()).extracting(ScriptedServer.Received::path)
			.containsExactly("/v2/health/ready");
		assertThat(this.management.received()).as("no API key to the management port")
			.allSatisfy((received) -> assertThat(received.header("X-API-Key")).isNull());
		assertThat(this.server.received().get(0).header("X-API-Key")).isEqualTo("s3cret");
	}

	/**
	 * A client of a server that answers its next three requests 503: with no body, with a
	 * load balancer's page, and with a problem detail.
	 */
	private TangoClient clientAnsweringThree503s() {
		this.server.then(503, "text/plain", "")
			.then(503, "text/html", "<html>503 Service Temporarily Unavailable</html>")
			.then(503, "application/problem+json", PROBLEM);
		return TangoClient.builder(this.server.uri()).build();
	}

}
