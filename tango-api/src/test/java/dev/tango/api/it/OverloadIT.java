package dev.tango.api.it;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment with small queues and API keys: overload is refused at once with 429 and
 * {@code Retry-After}, and inference needs a key while probes do not.
 */
@TestPropertySource(properties = { "tango.api.batching.queue-capacity=16", "tango.api.limits.max-inputs=16",
		"tango.api.auth.enabled=true", "tango.api.auth.keys=it-key-one,it-key-two" })
class OverloadIT extends ServiceIT {

	private static final String KEY = "X-API-Key";

	@Test
	void refusesOverloadQuicklyWithRetryAfter() throws Exception {
		String review = "the story is slow , the acting uneven , yet the final act lands with real force . ";
		String body = inputs(Collections.nCopies(16, review.repeat(3)));
		int clients = 24;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<List<long[]>>> runs = new ArrayList<>();
		try {
			for (int c = 0; c < clients; c++) {
				runs.add(pool.submit(() -> {
					List<long[]> outcomes = new ArrayList<>();
					for (int r = 0; r < 4; r++) {
						long start = System.nanoTime();
						Response response = post("/v1/classify", body, KEY, "it-key-one");
						long millis = (System.nanoTime() - start) / 1_000_000;
						if (response.status() == 429) {
							assertThat(response.contentType()).startsWith("application/problem+json");
							assertThat(response.json().get("type").stringValue())
								.isEqualTo("https://tango.dev/problems/queue-full");
							assertThat(Long.parseLong(response.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
						}
						else {
							assertThat(response.status()).as(response.body()).isEqualTo(200);
						}
						outcomes.add(new long[] { response.status(), millis });
					}
					return outcomes;
				}));
			}
			List<long[]> outcomes = new ArrayList<>();
			for (Future<List<long[]>> run : runs) {
				outcomes.addAll(run.get());
			}
			List<long[]> refused = outcomes.stream().filter((o) -> o[0] == 429).toList();
			long served = outcomes.stream().filter((o) -> o[0] == 200).count();
			long slowestRefusal = refused.stream().mapToLong((o) -> o[1]).max().orElse(0);
			System.out.printf("Overload: %d served, %d refused with 429 (slowest refusal %d ms)%n", served,
					refused.size(), slowestRefusal);
			assertThat(refused).as("refused requests").isNotEmpty();
			assertThat(served).as("served requests").isPositive();
			// Refusal happens at admission, without waiting for a tier: far below a tier
			// call.
			assertThat(slowestRefusal).isLessThan(5_000);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(rejections("queue_full")).isPositive();
		assertThat(this.meters.get("tango.requests").tag("outcome", "rejected").timer().count()).isPositive();
	}

	@Test
	void needsAnApiKeyForInference() {
		String body = inputs(List.of("a wonderful film ."));
		Response missing = post("/v1/classify", body);
		assertThat(missing.status()).isEqualTo(401);
		assertThat(missing.contentType()).startsWith("application/problem+json");
		assertThat(missing.header("WWW-Authenticate")).hasValue("Bearer realm=\"tango\"");
		assertThat(post("/v1/classify", body, KEY, "it-key-three").status()).isEqualTo(401);
		assertThat(post("/v1/classify", body, KEY, "it-key-one").status()).isEqualTo(200);
		assertThat(post("/v1/classify", body, "Authorization", "Bearer it-key-two").status()).isEqualTo(200);
		Response oip = get("/v2/models/" + SentimentCascadeFixture.NAME);
		assertThat(oip.status()).isEqualTo(401);
		assertThat(oip.json().get("error").stringValue()).contains("API key");
		assertThat(get("/v2/models/" + SentimentCascadeFixture.NAME, KEY, "it-key-two").status()).isEqualTo(200);
		assertThat(get("/v2/health/ready").status()).isEqualTo(200);
		assertThat(get("/v2/health/live").status()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(get("/actuator/prometheus").status()).isEqualTo(200);
	}

}
