package dev.tango.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Closed-loop clients: each sends one single-text {@code POST /v1/classify}, waits for
 * the answer, and sends the next, cycling through the texts. Requests that start after
 * the warm-up and end before the window closes are measured.
 */
public final class LoadDriver {

	private final List<String> bodies;

	private final Duration warmup;

	private final Duration duration;

	private final long maxRequests;

	/**
	 * Creates a driver.
	 * @param texts the texts, sent in turn
	 * @param warmup the time before the measured window
	 * @param duration the measured window
	 * @param maxRequests the most requests one point sends, all clients together
	 */
	public LoadDriver(List<String> texts, Duration warmup, Duration duration, long maxRequests) {
		if (texts.isEmpty()) {
			throw new IllegalArgumentException("No texts to send");
		}
		this.bodies = ClassifyRequests.bodies(texts);
		this.warmup = warmup;
		this.duration = duration;
		this.maxRequests = maxRequests;
	}

	/**
	 * Drives the service with a number of clients, one HTTP client (and connection) each.
	 * @param base the service's base URI
	 * @param clients the concurrent clients
	 * @param cpuNanos the CPU time the service has used so far, read when the measured
	 * window opens and when it closes
	 * @return what was measured
	 * @throws InterruptedException if interrupted
	 */
	public Window run(URI base, int clients, LongSupplier cpuNanos) throws InterruptedException {
		URI uri = ClassifyRequests.endpoint(base);
		long start = System.nanoTime();
		long windowStart = start + this.warmup.toNanos();
		long windowEnd = windowStart + this.duration.toNanos();
		AtomicInteger next = new AtomicInteger();
		AtomicLong sent = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		List<List<Long>> perClient = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		// One client, one connection per concurrent request: a load generator that costs
		// the shared host little CPU.
		HttpClient client = ClassifyRequests.client().build();
		for (int c = 0; c < clients; c++) {
			List<Long> samples = new ArrayList<>();
			Thread thread = Thread.ofPlatform().name("load-client-" + c).start(() -> {
				while (System.nanoTime() < windowEnd && sent.incrementAndGet() <= this.maxRequests) {
					String body = this.bodies.get(Math.floorMod(next.getAndIncrement(), this.bodies.size()));
					HttpRequest request = ClassifyRequests.post(uri, body, Duration.ofSeconds(30));
					long begin = System.nanoTime();
					boolean ok;
					try {
						ok = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
					}
					catch (java.io.IOException ex) {
						ok = false;
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					long end = System.nanoTime();
					if (begin >= windowStart && end <= windowEnd) {
						if (ok) {
							samples.add(end - begin);
						}
						else {
							errors.incrementAndGet();
						}
					}
				}
			});
			threads.add(thread);
			perClient.add(samples);
		}
		try (client) {
			sleepUntil(windowStart);
			long cpuAtStart = cpuNanos.getAsLong();
			long ownCpuAtStart = ServiceProcess.cpuNanos(ProcessHandle.current());
			sleepUntil(windowEnd);
			long cpu = cpuNanos.getAsLong() - cpuAtStart;
			long ownCpu = ServiceProcess.cpuNanos(ProcessHandle.current()) - ownCpuAtStart;
			for (Thread thread : threads) {
				thread.join();
			}
			long[] all = perClient.stream().flatMap(List::stream).mapToLong(Long::longValue).toArray();
			return new Window(all, errors.get(), this.duration.toNanos(), cpu, ownCpu);
		}
	}

	private static void sleepUntil(long nanoTime) throws InterruptedException {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			Thread.sleep(Duration.ofNanos(left));
		}
	}

	/**
	 * What one measured window saw; windows of the same point add up.
	 *
	 * @param latencies the latencies of the answered requests, in nanoseconds
	 * @param errors the failed requests
	 * @param nanos the length of the window
	 * @param cpuNanos the CPU time the service used during the window
	 * @param clientCpuNanos the CPU time this process, the load generator, used during
	 * the window
	 */
	public record Window(long[] latencies, long errors, long nanos, long cpuNanos, long clientCpuNanos) {

		Window plus(Window other) {
			long[] all = Arrays.copyOf(this.latencies, this.latencies.length + other.latencies.length);
			System.arraycopy(other.latencies, 0, all, this.latencies.length, other.latencies.length);
			return new Window(all, this.errors + other.errors, this.nanos + other.nanos, this.cpuNanos + other.cpuNanos,
					this.clientCpuNanos + other.clientCpuNanos);
		}

		public LatencySummary summary() {
			return LatencySummary.of(this.latencies, this.errors, this.nanos, this.cpuNanos, this.clientCpuNanos);
		}

	}

}
