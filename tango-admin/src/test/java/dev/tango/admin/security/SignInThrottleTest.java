package dev.tango.admin.security;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Password guessing over real HTTP: an address that failed to sign in as often as it may
 * gets 429 with {@code Retry-After} for any credentials, right ones included, until its
 * allowance refills; right credentials do not spend it, and requests without credentials
 * are not throttled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:throttle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"tango.registry.seed=", "tango.admin.sign-in.failures=3", "tango.admin.sign-in.period=3s" })
class SignInThrottleTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		SecurityTest.user(registry, 0, "alice", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("alice-secret"),
				"ADMIN");
	}

	@Test
	void anAddressThatGuessedWrongTooOftenIsRefusedUntilItsAllowanceRefills() throws Exception {
		for (int i = 0; i < 5; i++) {
			assertThat(status(basic("alice", "alice-secret"))).as("right credentials spend nothing").isEqualTo(200);
		}
		for (int i = 0; i < 3; i++) {
			assertThat(status(basic("alice", "guess-" + i))).isEqualTo(401);
		}

		HttpResponse<String> refused = get("/api/models", basic("alice", "alice-secret"));
		assertThat(refused.statusCode()).as("not even right credentials are verified").isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 4));
		assertThat(refused.body()).contains("\"type\":\"https://tango.dev/problems/too-many-sign-in-failures\"");
		assertThat(get("/api/models", "Bearer some-token").statusCode()).isEqualTo(429);
		assertThat(get("/actuator/health", null).statusCode()).as("no credentials, no throttle").isEqualTo(200);

		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> status(basic("alice", "alice-secret")) == 200);
	}

	private int status(String authorization) throws IOException, InterruptedException {
		return get("/api/models", authorization).statusCode();
	}

	private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
		return SecurityTest.get(this.http, this.port, path, authorization);
	}

	private static String basic(String user, String password) {
		return SecurityTest.basic(user, password);
	}

}
