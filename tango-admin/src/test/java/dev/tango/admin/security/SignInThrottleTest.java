package dev.tango.admin.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over real HTTP, with an allowance of 3 failed sign-ins per address
 * and hour: right passwords spend nothing, even while their requests' bodies are still
 * arriving; past the allowance, any password from the address, right ones included, gets
 * 429 with {@code Retry-After} and is not verified; bearer tokens and requests without
 * credentials are not throttled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:throttle;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE",
				"tango.registry.seed=", "tango.admin.sign-in.failures=3", "tango.admin.sign-in.period=1h" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottleTest {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void users(DynamicPropertyRegistry registry) {
		SecurityTest.alice(registry);
	}

	@Test
	@Order(1)
	void rightPasswordsSpendNothingEvenWhileTheirBodiesAreStillArriving() throws Exception {
		List<Socket> slow = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				OutputStream out = socket.getOutputStream();
				out.write(("POST /api/models/slow/versions HTTP/1.1\r\nHost: localhost\r\n"
						+ "Content-Type: application/json\r\nContent-Length: 100\r\nAuthorization: "
						+ basic("alice", "alice-secret") + "\r\n\r\n{")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				slow.add(socket);
				Thread.sleep(300);
			}
			for (int i = 0; i < 5; i++) {
				assertThat(status(basic("alice", "alice-secret"))).as("right credentials, %d", i).isEqualTo(200);
			}
		}
		finally {
			for (Socket socket : slow) {
				socket.close();
			}
		}
	}

	@Test
	@Order(2)
	void pastItsAllowanceOfFailuresAnAddressIsNotVerifiedAnyMore() throws Exception {
		for (int i = 0; i < 3; i++) {
			assertThat(status(basic("alice", "guess-" + i))).isEqualTo(401);
		}

		HttpResponse<String> refused = get("/api/models", basic("alice", "alice-secret"));
		assertThat(refused.statusCode()).as("not even right credentials are verified").isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1000, 1300));
		assertThat(refused.body()).contains("\"type\":\"https://tango.dev/problems/too-many-sign-in-failures\"");
		assertThat(get("/api/models", "Bearer not-a-token").statusCode()).as("bearer tokens are not throttled")
			.isEqualTo(401);
		assertThat(get("/actuator/health", null).statusCode()).as("no credentials, no throttle").isEqualTo(200);
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
