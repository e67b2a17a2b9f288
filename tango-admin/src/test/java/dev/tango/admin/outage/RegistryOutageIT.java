package dev.tango.admin.outage;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.models.testsupport.ProxiedPostgresConfiguration;
import dev.tango.models.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin service while PostgreSQL cannot be reached, through a proxy the test cuts and
 * restores: fast 503 problems with {@code Retry-After} from the REST API and the pages,
 * readiness {@code DOWN}, health endpoints that answer at once, and recovery without a
 * restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tango.registry.seed=", "tango.admin.jobs.enabled=false",
				"tango.admin.users[0].name=" + AdminIntegrationTest.USER,
				"tango.admin.users[0].password={noop}" + AdminIntegrationTest.PASSWORD,
				"tango.admin.users[0].roles=ADMIN", "tango.registry.health.interval=500ms" })
@Import(ProxiedPostgresConfiguration.class)
class RegistryOutageIT extends SignedInClientTests {

	/** The most a call may take while the database is away: the pool's 3 s, and slack. */
	static final Duration FAST = Duration.ofSeconds(5);

	/** The most a health probe may take. */
	static final Duration PROBE = Duration.ofSeconds(1);

	static final List<String> CALLS = List.of("/api/models", "/api/cascades", "/api/cascades/active", "/");

	/** How many times each call and probe is timed during the outage. */
	static final List<Integer> ROUNDS = List.of(1, 2, 3);

	@Autowired
	TcpProxy proxy;

	final HttpClient anonymous = HttpClient.newHttpClient();

	@Test
	void failsFastWhileTheDatabaseIsAwayAndRecoversWithoutRestart() throws Exception {
		for (String path : CALLS) {
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(200);
		}
		assertThat(probe("/actuator/health/readiness").statusCode()).isEqualTo(200);

		List<Duration> calls = new ArrayList<>();
		List<Duration> probes = new ArrayList<>();
		this.proxy.cut();
		try {
			await().atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> probe("/actuator/health/readiness").statusCode() == 503);
			for (String path : ROUNDS.stream().flatMap((round) -> CALLS.stream()).toList()) {
				long start = System.nanoTime();
				HttpResponse<String> response = this.http.get(path);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				calls.add(took);
				assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(503);
				assertThat(took).as(path).isLessThan(FAST);
				assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
				assertThat(response.headers().firstValue("Retry-After"))
					.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isPositive());
				assertThat(AdminHttp.json(response).get("type").stringValue())
					.isEqualTo("https://tango.dev/problems/registry-unavailable");
			}
			HttpResponse<String> registration = this.http.postJson("/api/cascades/outage/versions",
					"{\"tiers\": [{\"model\": \"m:1\"}]}");
			assertThat(registration.statusCode()).as(registration.body()).isEqualTo(503);
			for (String path : ROUNDS.stream()
				.flatMap((round) -> Stream.of("/actuator/health", "/actuator/health/readiness",
						"/actuator/health/liveness"))
				.toList()) {
				long start = System.nanoTime();
				HttpResponse<String> response = probe(path);
				Duration took = Duration.ofNanos(System.nanoTime() - start);
				probes.add(took);
				assertThat(took).as(path).isLessThan(PROBE);
				assertThat(response.statusCode()).as(path).isEqualTo(path.endsWith("liveness") ? 200 : 503);
			}
		}
		finally {
			this.proxy.restore();
		}
		long restored = System.nanoTime();

		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> probe("/actuator/health/readiness").statusCode() == 200);
		Duration recovery = Duration.ofNanos(System.nanoTime() - restored);
		for (String path : CALLS) {
			assertThat(this.http.get(path).statusCode()).as(path).isEqualTo(200);
		}
		System.out.printf(
				"Outage figures: %d admin calls answered 503 in p50 %d ms, max %d ms; %d health probes in "
						+ "p50 %d ms, max %d ms; ready again %d ms after the database returned%n",
				calls.size(), percentile(calls, 50), percentile(calls, 100), probes.size(), percentile(probes, 50),
				percentile(probes, 100), recovery.toMillis());
	}

	private static long percentile(List<Duration> durations, int percent) {
		List<Long> sorted = durations.stream().map(Duration::toMillis).sorted().toList();
		return sorted.get(Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
	}

	private HttpResponse<String> probe(String path) throws Exception {
		return this.anonymous.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
