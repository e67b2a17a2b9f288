package dev.tango.api.it;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.tango.web.slowclients.SlowClientsScenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Up to 1,000 slow clients (one body byte every two seconds), most with the API key and
 * some without, cannot starve the service: while they are held open (the read timeouts
 * are set past the test; {@code TomcatHardeningIT} checks the deadline itself), valid
 * clients are answered with p99 under a second, and the clients without a key are refused
 * from their headers and dropped without their body being read
 * ({@link SlowClientsScenario.Outcome#unmet()}).
 */
@TestPropertySource(properties = { "tango.api.auth.enabled=true", "tango.api.auth.keys=slow-key",
		"tango.web.request-read-timeout=60s", "tango.web.read-timeout=30s" })
class SlowClientsIT extends ServiceIT {

	@Test
	void slowClientsDoNotStarveValidOnes() throws Exception {
		HttpRequest valid = HttpRequest.newBuilder(uri("/v1/classify"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", "slow-key")
			.POST(HttpRequest.BodyPublishers.ofString(inputs(List.of("a wonderful film ."))))
			.build();
		SlowClientsScenario scenario = new SlowClientsScenario(valid,
				"POST /v1/classify HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n",
				"X-API-Key: slow-key");
		SlowClientsScenario.Outcome outcome = scenario.run(new InetSocketAddress("127.0.0.1", this.port));
		System.out.println("Slow clients: " + outcome);
		assertThat(outcome.unmet()).as(outcome.toString()).isEmpty();
	}

}
