package dev.tango.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load: single-text {@code POST /v1/classify} requests sent at a fixed rate,
 * whether or not earlier ones have been answered, cycling through the texts, as traffic
 * from many independent users arrives. Each request's latency is measured from the moment
 * it was due to be sent, so that a load generator falling behind does not hide the
 * service's delays. Requests due after the warm-up and before the window closes are
 * measured; the driver waits for their answers.
 */
final class OpenLoopDriver {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private final List<String> bodies;

	private final Duration warmup;

	private final Duration duration;

	/**
	 * Creates a driver.
	 * @param texts the texts, sent in turn
	 * @param warmup the time before the measured window
	 * @param duration the measured window
	 */
	OpenLoopDriver(List<String> texts, Duration warmup, Duration duration) {
		if (texts.isEmpty()) {
			throw new IllegalArgumentException("No texts to send");
		}
		this.bodies = ClassifyRequests.bodies(texts);
		this.warmup = warmup;
		this.duration = duration;
	}

	/**
	 * Sends requests at a rate for the warm-up and the window, and waits for the answers
	 * of those due in the window (each gets at most a minute).
	 * @param base the service's base URI
	 * @param perSecond the rate, requests per second, positive
	 * @return the outcomes of the requests due in the window
	 * @throws InterruptedException if interrupted
	 */
	OpenLoopSummary run(URI base, double perSecond) throws InterruptedException {
		if (!(perSecond > 0)) {
			throw new IllegalArgumentException("The rate must be positive, was " + perSecond);
		}
		URI uri = ClassifyRequests.endpoint(base);
		long interval = (long) (1e9 / perSecond);
		long start = System.nanoTime();
		long windowStart = start + this.warmup.toNanos();
		long windowEnd = windowStart + this.duration.toNanos();
		ConcurrentLinkedQueue<long[]> outcomes = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<CompletableFuture<?>> measured = new ConcurrentLinkedQueue<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
				HttpClient client = ClassifyRequests.client().executor(executor).build()) {
			for (long k = 0;; k++) {
				long due = start + k * interval;
				if (due >= windowEnd) {
					break;
				}
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				HttpRequest request = ClassifyRequests.post(uri, this.bodies.get((int) (k % this.bodies.size())),
						REQUEST_TIMEOUT);
				CompletableFuture<?> sent = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
					.handle((response, failure) -> {
						int status = (response != null) ? response.statusCode() : -1;
						long[] outcome = { status, System.nanoTime() - due };
						if (due >= windowStart) {
							outcomes.add(outcome);
						}
						return outcome;
					});
				if (due >= windowStart) {
					measured.add(sent);
				}
			}
			try {
				CompletableFuture.allOf(measured.toArray(CompletableFuture[]::new))
					.get(REQUEST_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				// Counted as errors: every outcome not recorded is missing from the
				// total.
			}
		}
		return OpenLoopSummary.of(perSecond, measured.size(), outcomes, this.duration.toNanos());
	}

}
