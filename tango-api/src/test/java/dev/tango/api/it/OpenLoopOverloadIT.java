package dev.tango.api.it;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Open-loop overload on the real cascade: requests arrive at a fixed rate far above what
 * the service can serve. Admission by time admits only what can finish before its
 * deadline, so the admitted requests succeed within it, and refuses the rest at once with
 * 429 and {@code Retry-After}.
 */
@TestPropertySource(properties = "tango.api.request-timeout=5s")
class OpenLoopOverloadIT extends ServiceIT {

	private static final Duration DEADLINE = Duration.ofSeconds(5);

	/**
	 * Open-loop traffic before the measured part, so that its code paths are compiled.
	 */
	private static final Duration WARMUP = Duration.ofSeconds(5);

	private static final Duration SENDING = Duration.ofSeconds(10);

	/**
	 * Eight inputs per request at 40 requests per second: over three times what two idle
	 * cores serve.
	 */
	private static final int PER_SECOND = 40;

	@Test
	void admittedRequestsFinishWithinTheirDeadlineAndTheRestAreRefusedAtOnce() throws Exception {
		String review = "the story is slow , the acting uneven , yet the final act lands with real force . ";
		String body = inputs(Collections.nCopies(8, review.repeat(2)));
		for (int i = 0; i < 5; i++) {
			assertThat(post("/v1/classify", body).status()).isEqualTo(200);
		}
		List<CompletableFuture<long[]>> sent = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient client = HttpClient.newBuilder()
					.version(HttpClient.Version.HTTP_1_1)
					.executor(executor)
					.build()) {
			long start = System.nanoTime();
			long measured = start + WARMUP.toNanos();
			long interval = TimeUnit.SECONDS.toNanos(1) / PER_SECOND;
			for (long due = start; due < measured + SENDING.toNanos(); due += interval) {
				LockSupport.parkNanos(due - System.nanoTime());
				long scheduled = due;
				HttpRequest request = HttpRequest.newBuilder(uri("/v1/classify"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build();
				CompletableFuture<long[]> outcome = client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
					.thenApply((response) -> {
						long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - scheduled);
						long retryAfter = response.headers().firstValueAsLong("Retry-After").orElse(-1);
						if (response.statusCode() == 429) {
							assertThat(response.body()).contains("https://tango.dev/problems/queue-full");
						}
						return new long[] { response.statusCode(), millis, retryAfter };
					});
				if (due >= measured) {
					sent.add(outcome);
				}
			}
			CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		List<long[]> outcomes = sent.stream().map(CompletableFuture::join).toList();
		List<long[]> refused = outcomes.stream().filter((o) -> o[0] == 429).toList();
		List<long[]> admitted = outcomes.stream().filter((o) -> o[0] != 429).toList();
		long succeeded = admitted.stream().filter((o) -> o[0] == 200).count();
		long admittedP99 = p99(admitted.stream().filter((o) -> o[0] == 200).mapToLong((o) -> o[1]).toArray());
		long refusalP99 = p99(refused.stream().mapToLong((o) -> o[1]).toArray());
		System.out.printf(
				"Open-loop overload: %d sent, %d refused (p99 %d ms), %d admitted, %d succeeded (p99 %d ms)%n",
				outcomes.size(), refused.size(), refusalP99, admitted.size(), succeeded, admittedP99);

		assertThat(refused).as("refused requests").isNotEmpty().allSatisfy((o) -> assertThat(o[2]).isBetween(1L, 60L));
		assertThat(admitted).as("admitted requests").isNotEmpty();
		assertThat((double) succeeded / admitted.size()).as("share of admitted requests that succeeded")
			.isGreaterThanOrEqualTo(0.95);
		assertThat(admittedP99).as("admitted p99, ms").isLessThanOrEqualTo(DEADLINE.toMillis());
		// Refused at admission, without waiting behind the backlog: well before the
		// deadline, where an admitted request that could not finish used to fail. On a
		// shared CI host the HTTP exchange itself waits for a CPU; the 50 ms target is
		// the benchmark's (docs/LOAD.md) and the batcher's own
		// (BatchingCascadeAdmissionTest).
		assertThat(refusalP99).as("refusal p99, ms").isLessThan(DEADLINE.toMillis());
		assertThat(rejections("overloaded")).isPositive();
		assertThat(this.meters.get("tango.admission.backlog").tag("cascade", SentimentCascadeFixture.NAME).gauge())
			.isNotNull();
		assertThat(this.meters.get("tango.admission.cost").tag("tier", "0").gauge().value()).isPositive();
		assertThat(this.meters.get("tango.admission.call.cost").tag("tier", "0").gauge().value())
			.isGreaterThanOrEqualTo(0);
	}

	private static long p99(long[] values) {
		if (values.length == 0) {
			return 0;
		}
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
	}

}
