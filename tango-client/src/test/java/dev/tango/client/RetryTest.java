package dev.tango.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tango.client.classify.ClassifyRequest;
import dev.tango.client.classify.ClassifyResponse;
import dev.tango.client.oip.ModelMetadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The retry policy against a real HTTP server on a loopback port that answers what each
 * test scripts: 429 and 503 are retried after their {@code Retry-After} (seconds or an
 * HTTP date) within the deadline and the attempt limit, other errors never, and I/O
 * failures only where a retry cannot repeat work.
 */
class RetryTest {

	private static final String PROBLEM = "application/problem+json";

	private static final String ANSWER = """
			{"cascade": "sst2-sentiment", "version": 3, "addedLater": {"x": 1},
			 "results": [{"label": "1", "confidence": 0.97, "tier": {"index": 0, "name": "minilm"},
			              "truncated": false, "probabilities": {"0": 0.03, "1": 0.97}, "someNewField": true}],
			 "tiers": [{"index": 0, "name": "minilm", "inputs": 1, "answered": 1, "batches": 1,
			            "queueMs": 0.4, "computeMs": 2.5}],
			 "totalMs": 3.1}
			""";

	private static final String QUEUE_FULL = """
			{"type": "https://tango.dev/problems/queue-full", "title": "Too many requests", "status": 429,
			 "detail": "The service is at capacity", "instance": "/v1/classify"}
			""";

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	private TangoClient client(RetryPolicy policy) {
		return TangoClient.builder(this.server.uri()).retry(policy).build();
	}

	@Test
	void retriesA429AfterItsRetryAfterSeconds() {
		this.server.then(429, PROBLEM, QUEUE_FULL, "Retry-After", "1").then(200, "application/json", ANSWER);

		ClassifyResponse answer = client(RetryPolicy.of(3, Duration.ofSeconds(10)))
			.classify(ClassifyRequest.of("great fun"));

		assertThat(answer.labels()).containsExactly("1");
		assertThat(answer.version()).isEqualTo(3);
		assertThat(answer.results().get(0).probabilities()).containsExactly(entry("0", 0.03), entry("1", 0.97));
		List<ScriptedServer.Received> received = this.server.received();
		assertThat(received).hasSize(2);
		assertThat(gap(received, 0, 1)).isBetween(Duration.ofMillis(950), Duration.ofMillis(2500));
		assertThat(received.get(1).body()).isEqualTo(received.get(0).body()).isEqualTo("{\"inputs\":[\"great fun\"]}");
	}

	@Test
	void retriesA503AfterItsRetryAfterDate() {
		// An HTTP date has whole seconds: two seconds ahead means a wait of one to two.
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(2));
		this.server
			.then(503, "application/json", "{\"error\": \"Cascade 'm' version 2 is loading\"}", "Retry-After", date)
			.then(200, "application/json", """
					{"name": "m", "versions": ["2"], "platform": "tango_cascade",
					 "inputs": [{"name": "text", "datatype": "BYTES", "shape": [-1]}],
					 "outputs": [], "parameters": {"labels": "neg,pos", "tiers": "a,b"}}
					""");

		ModelMetadata metadata = client(RetryPolicy.of(2, Duration.ofSeconds(10))).modelMetadata("m");

		assertThat(metadata.labels()).containsExactly("neg", "pos");
		assertThat(metadata.inputs().get(0).shape()).containsExactly(-1L);
		List<ScriptedServer.Received> received = this.server.received();
		assertThat(received).hasSize(2);
		assertThat(received.get(0).path()).isEqualTo("/v2/models/m");
		assertThat(gap(received, 0, 1)).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
	}

	@Test
	void givesUpAtOnceWhenRetryAfterEndsPastTheDeadline() {
		this.server.then(429, PROBLEM, QUEUE_FULL, "Retry-After", "30").then(200, "application/json", ANSWER);
		long start = System.nanoTime();

		TangoApiException error = thrownBy(TangoApiException.class,
				() -> client(RetryPolicy.of(5, Duration.ofSeconds(5))).classify(ClassifyRequest.of("x")));

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertThat(error.status()).isEqualTo(429);
		assertThat(error.retryAfter()).contains(Duration.ofSeconds(30));
		assertThat(error.isType("queue-full")).isTrue();
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void stopsAtTheAttemptLimit() {
		for (int i = 0; i < 5; i++) {
			this.server.then(503, PROBLEM, """
					{"type": "https://tango.dev/problems/deadline-exceeded", "title": "Deadline exceeded",
					 "status": 503, "detail": "attempt %d"}
					""".formatted(i + 1), "Retry-After", "0");
		}

		TangoApiException error = thrownBy(TangoApiException.class,
				() -> client(RetryPolicy.of(3, Duration.ofSeconds(10))).classify(ClassifyRequest.of("x")));

		assertThat(this.server.received()).hasSize(3);
		assertThat(error.status()).isEqualTo(503);
		assertThat(error.detail()).contains("attempt 3");
		assertThat(error.getSuppressed()).hasSize(2)
			.allSatisfy((earlier) -> assertThat(earlier).isInstanceOf(TangoApiException.class));
	}

	@Test
	void retriesA429WithoutRetryAfterAfterTheBackoff() {
		this.server.then(429, PROBLEM, QUEUE_FULL).then(200, "application/json", ANSWER);

		assertOneRetryAfterTheBackoff();
	}

	@Test
	void waitsTheBackoffAfterARetryAfterOfZero() {
		this.server.then(503, PROBLEM, QUEUE_FULL, "Retry-After", "0").then(200, "application/json", ANSWER);

		assertOneRetryAfterTheBackoff();
	}

	/** Classifies with a backoff of 400 ms, and checks it was retried once, after it. */
	private void assertOneRetryAfterTheBackoff() {
		client(new RetryPolicy(2, Duration.ofSeconds(10), Duration.ofMillis(400), Duration.ofSeconds(1)))
			.classify(ClassifyRequest.of("x"));

		List<ScriptedServer.Received> received = this.server.received();
		assertThat(received).hasSize(2);
		// the backoff is drawn in the upper half of 400 ms
		assertThat(gap(received, 0, 1)).isBetween(Duration.ofMillis(190), Duration.ofMillis(1500));
	}

	@Test
	void givesUpAtOnceWhenTheBackoffIsTooLongForNanoseconds() {
		Duration ages = Duration.ofDays(365L * 1000);
		this.server.then(429, PROBLEM, QUEUE_FULL).then(200, "application/json", ANSWER);

		TangoApiException error = thrownBy(TangoApiException.class,
				() -> client(new RetryPolicy(3, Duration.ofSeconds(10), ages, ages)).classify(ClassifyRequest.of("x")));

		assertThat(error.status()).isEqualTo(429);
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void neverRetriesOtherErrors() {
		this.server
			.then(422, PROBLEM,
					"""
							{"type": "https://tango.dev/problems/token-limit-exceeded", "title": "Input longer than the model reads",
							 "status": 422, "detail": "Input 1 is longer than the 256 tokens", "instance": "/v1/classify",
							 "inputs": [1]}
							""",
					"Retry-After", "0")
			.then(500, PROBLEM, "{\"status\": 500, \"title\": \"Inference failed\"}");
		TangoClient client = client(RetryPolicy.of(5, Duration.ofSeconds(10)));

		TangoApiException refused = thrownBy(TangoApiException.class,
				() -> client.classify(ClassifyRequest.of("a", "b").withTruncate(false)));
		TangoApiException failed = thrownBy(TangoApiException.class, () -> client.classify(ClassifyRequest.of("a")));

		assertThat(this.server.received()).hasSize(2);
		assertThat(this.server.received().get(0).body()).isEqualTo("{\"inputs\":[\"a\",\"b\"],\"truncate\":false}");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.type()).contains(URI.create("https://tango.dev/problems/token-limit-exceeded"));
		assertThat(refused.title()).contains("Input longer than the model reads");
		assertThat(refused.detail()).contains("Input 1 is longer than the 256 tokens");
		assertThat(refused.instance()).contains(URI.create("/v1/classify"));
		assertThat(refused.properties()).containsOnlyKeys("inputs");
		assertThat(refused.properties().get("inputs")).isEqualTo(List.of(1));
		assertThat(refused.getMessage()).contains("422", "token-limit-exceeded", "256 tokens");
		assertThat(failed.status()).isEqualTo(500);
		assertThat(failed.type()).isEmpty();
	}

	@Test
	void retriesAnIdempotentCallWhoseConnectionDropped() {
		this.server.thenDrop().then(200, "application/json", "{\"name\": \"m\", \"ready\": true}");

		boolean ready = client(RetryPolicy.of(3, Duration.ofSeconds(10))).modelReady("m");

		assertThat(ready).isTrue();
		assertThat(this.server.received()).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void neverRetriesAClassificationWhoseConnectionDroppedAfterSending() {
		this.server.thenDrop().then(200, "application/json", ANSWER);

		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> client(RetryPolicy.of(3, Duration.ofSeconds(10))).classify(ClassifyRequest.of("x")));

		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void retriesAFailureToConnectForEveryCallWithinTheAttempts() throws IOException {
		URI closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = URI.create("http://localhost:" + socket.getLocalPort());
		}
		TangoClient client = TangoClient.builder(closed)
			.retry(new RetryPolicy(3, Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(20)))
			.build();

		UncheckedIOException error = thrownBy(UncheckedIOException.class,
				() -> client.classify(ClassifyRequest.of("x")));

		assertThat(error.getCause()).isInstanceOf(ConnectException.class);
		assertThat(error.getSuppressed()).hasSize(2);
	}

	@Test
	void turnsProtocolErrorsAndOtherBodiesIntoExceptions() {
		this.server.then(404, "application/json", "{\"error\": \"Cascade 'nope' is not active\"}")
			.then(502, "text/html", "<html>Bad gateway</html>");
		TangoClient client = client(RetryPolicy.none());

		TangoApiException notFound = thrownBy(TangoApiException.class, () -> client.modelMetadata("nope"));
		TangoApiException gateway = thrownBy(TangoApiException.class, () -> client.modelMetadata("m"));

		assertThat(notFound.status()).isEqualTo(404);
		assertThat(notFound.detail()).contains("Cascade 'nope' is not active");
		assertThat(notFound.type()).isEmpty();
		assertThat(gateway.status()).isEqualTo(502);
		assertThat(gateway.detail()).contains("<html>Bad gateway</html>");
	}

	@Test
	void sendsTheApiKeyAndEncodesPathSegments() {
		this.server.then(200, "application/json", "{\"name\": \"a b/c\", \"ready\": false}");

		TangoClient.builder(this.server.uri()).apiKey("s3cret").build().modelReady("a b/c", "2");

		ScriptedServer.Received request = this.server.received().get(0);
		assertThat(request.header("X-API-Key")).isEqualTo("s3cret");
		assertThat(request.path()).isEqualTo("/v2/models/a%20b%2Fc/versions/2/ready");
	}

	@Test
	void readsA503FromAProbeAsAnAnswer() {
		this.server.then(503, "application/vnd.spring-boot.actuator.v3+json", """
				{"status": "DOWN", "components": {"cascades": {"status": "DOWN",
				  "components": {"m": {"status": "DOWN", "details": {"state": "LOADING", "activeVersion": 2}}}},
				  "readinessState": {"status": "UP"}}}
				""");

		Health readiness = client(RetryPolicy.of(3, Duration.ofSeconds(10))).readiness();

		assertThat(this.server.received()).hasSize(1);
		assertThat(readiness.isUp()).isFalse();
		assertThat(readiness.component("cascades", "m").orElseThrow().details()).containsEntry("state", "LOADING")
			.containsEntry("activeVersion", 2);
		assertThat(readiness.component("readinessState").orElseThrow().isUp()).isTrue();
		assertThat(readiness.component("cascades", "other")).isEmpty();
	}

	private static Duration gap(List<ScriptedServer.Received> received, int from, int to) {
		return Duration.ofNanos(received.get(to).nanos() - received.get(from).nanos());
	}

	private static java.util.Map.Entry<String, Double> entry(String key, double value) {
		return java.util.Map.entry(key, value);
	}

	/**
	 * Runs a call that must fail with an exception of the given type, and returns that
	 * exception.
	 */
	private static <T extends Throwable> T thrownBy(Class<T> type, ThrowingCallable call) {
		Throwable thrown = catchThrowable(call);
		assertThat(thrown).isInstanceOf(type);
		return type.cast(thrown);
	}

}
