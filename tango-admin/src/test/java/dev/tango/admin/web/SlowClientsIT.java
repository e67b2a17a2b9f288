package dev.tango.admin.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.web.slowclients.SlowClientsScenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Up to 1,000 slow clients (one body byte every two seconds), most signed in and some
 * not, cannot starve the admin service: while they are held open (the read timeouts are
 * set past the test; {@code TomcatHardeningIT} checks the deadline itself), valid clients
 * are answered with p99 under a second, and the unauthenticated clients are refused from
 * their headers and dropped without their body being read
 * ({@link SlowClientsScenario.Outcome#unmet()}).
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false", "tango.web.request-read-timeout=60s",
		"tango.web.read-timeout=30s", "tango.admin.tokens[0].name=slow-clients",
		"tango.admin.tokens[0].sha256=" + SlowClientsIT.TOKEN_SHA256, "tango.admin.tokens[0].roles=ADMIN" })
class SlowClientsIT {

	/**
	 * An API token, checked through its SHA-256, so that the run measures the slow
	 * clients rather than the first BCrypt verification of each HTTP basic credential.
	 */
	static final String TOKEN = "slow-clients-token-0123456789abcdef0123456789";

	static final String TOKEN_SHA256 = "906bcbc5a92e31f358065587070a265d1572db6c3bafb08b958a14ae6bbfbe97";

	@LocalServerPort
	int port;

	@Test
	void slowClientsDoNotStarveValidOnes() throws Exception {
		String bearer = "Bearer " + TOKEN;
		HttpRequest valid = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/models"))
			.header("Authorization", bearer)
			.GET()
			.build();
		SlowClientsScenario scenario = new SlowClientsScenario(valid,
				"POST /api/models/slow/versions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
				"Authorization: " + bearer);
		SlowClientsScenario.Outcome outcome = scenario.run(new InetSocketAddress("127.0.0.1", this.port));
		System.out.println("Slow clients: " + outcome);
		assertThat(outcome.unmet()).as(outcome.toString()).isEmpty();
	}

}
