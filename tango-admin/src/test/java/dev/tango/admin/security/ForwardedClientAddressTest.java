package dev.tango.admin.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy, as the chart's {@code forwardedHeaders.trustedProxies} deploys the
 * services: with {@code server.forward-headers-strategy=native} and the proxy's address
 * as the only internal proxy, the sign-in throttle counts failures per client named in
 * {@code X-Forwarded-For}, over real HTTP, and a client cannot escape its count by
 * putting another address in front of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:forwarded;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"tango.registry.seed=", "tango.admin.sign-in.failures=2", "tango.admin.sign-in.period=1h",
				"server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1|0:0:0:0:0:0:0:1" })
class ForwardedClientAddressTest {

	private static final String GUESSER = "203.0.113.7";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		SecurityTest.alice(registry);
	}

	@Test
	void failuresAreCountedPerForwardedClient() throws Exception {
		for (int i = 0; i < 2; i++) {
			assertThat(status(GUESSER, "guess-" + i)).isEqualTo(401);
		}

		assertThat(status(GUESSER, "alice-secret")).as("the guesser, throttled").isEqualTo(429);
		assertThat(status("198.51.100.9, " + GUESSER, "alice-secret"))
			.as("an address put in front of the guesser's own changes nothing")
			.isEqualTo(429);
		assertThat(status("198.51.100.9", "alice-secret")).as("another client behind the same proxy").isEqualTo(200);
	}

	private int status(String forwardedFor, String password) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/models"))
			.header("Authorization", SecurityTest.basic("alice", password))
			.header("X-Forwarded-For", forwardedFor)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
	}

}
