package dev.tango.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.tango.client.RetryPolicy;
import dev.tango.client.TangoApiException;
import dev.tango.client.TangoClient;
import dev.tango.client.classify.ClassifyRequest;
import org.jspecify.annotations.Nullable;

/**
 * Closed-loop clients: each sends a classification, waits for its answer and sends the
 * next at once, on a thread of its own, until stopped. Every request's outcome is kept
 * with its times, so that a test can count what happened in any window.
 */
final class ClosedLoopLoad implements AutoCloseable {

	/** How long one request may take before it counts as failed, in seconds. */
	static final int TIMEOUT_SECONDS = 30;

	private final List<Thread> threads = new ArrayList<>();

	private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

	private volatile boolean running = true;

	private ClosedLoopLoad() {
	}

	/**
	 * Makes a client that sends each request once (a failure is an outcome, not a retry),
	 * over HTTP/1.1 on connections of its own, waiting {@link #TIMEOUT_SECONDS} at most.
	 * @param base the service's (or the load balancer's) base URI
	 * @return the client
	 */
	static TangoClient client(URI base) {
		return TangoClient.builder(base)
			.httpClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build())
			.requestTimeout(Duration.ofSeconds(TIMEOUT_SECONDS))
			.retry(RetryPolicy.none())
			.build();
	}

	/**
	 * Starts clients.
	 * @param name names the clients' threads
	 * @param clients how many clients
	 * @param api where they send, one client (so its own connections) each, such as
	 * {@link #client(URI)}
	 * @param cascade the cascade to classify with
	 * @param texts the inputs of every request
	 * @return the running load
	 */
	static ClosedLoopLoad start(String name, int clients, Supplier<TangoClient> api, String cascade,
			List<String> texts) {
		ClosedLoopLoad load = new ClosedLoopLoad();
		for (int i = 0; i < clients; i++) {
			TangoClient client = api.get();
			ClassifyRequest request = ClassifyRequest.of(texts);
			Thread thread = Thread.ofPlatform().name(name + "-" + i).daemon(true).start(() -> {
				while (load.running) {
					long start = System.nanoTime();
					try {
						int version = client.classify(cascade, request).version();
						load.outcomes.add(new Outcome(start, System.nanoTime(), version, null));
					}
					catch (TangoApiException ex) {
						load.outcomes
							.add(new Outcome(start, System.nanoTime(), 0, ex.status() + " " + ex.getMessage()));
					}
					catch (RuntimeException ex) {
						load.outcomes.add(new Outcome(start, System.nanoTime(), 0, ex.toString()));
					}
				}
			});
			load.threads.add(thread);
		}
		return load;
	}

	/**
	 * Returns the outcomes of the requests that ended so far.
	 * @return the outcomes, in no particular order
	 */
	List<Outcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	/**
	 * Returns the outcomes of the requests that started at or after a time.
	 * @param fromNanos a {@link System#nanoTime()}
	 * @return the outcomes
	 */
	List<Outcome> since(long fromNanos) {
		return this.outcomes.stream().filter((outcome) -> outcome.startNanos() - fromNanos >= 0).toList();
	}

	/** Stops the clients after their requests under way; does nothing the second time. */
	void stop() {
		this.running = false;
		for (Thread thread : this.threads) {
			try {
				thread.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS + 5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Override
	public void close() {
		stop();
	}

	/**
	 * What became of one request.
	 *
	 * @param startNanos when it was sent, a {@link System#nanoTime()}
	 * @param endNanos when its answer or failure came
	 * @param version the cascade version that answered, 0 if it failed
	 * @param failure what went wrong (status and body, or the exception), or {@code null}
	 * for a 200
	 */
	record Outcome(long startNanos, long endNanos, int version, @Nullable String failure) {

		boolean failed() {
			return this.failure != null;
		}

		long millis() {
			return TimeUnit.NANOSECONDS.toMillis(this.endNanos - this.startNanos);
		}

	}

}
