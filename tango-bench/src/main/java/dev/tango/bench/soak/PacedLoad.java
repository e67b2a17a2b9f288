package dev.tango.bench.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tango.bench.load.ClassifyRequests;
import dev.tango.bench.load.LatencySummary;

/**
 * Open-loop load: single-text {@code POST /v1/classify} requests sent at a fixed rate,
 * whatever the answers' latency, cycling through the texts, with a bound on the requests
 * in flight (a request that would exceed it is not sent and counts as failed).
 * Thread-safe.
 */
final class PacedLoad implements AutoCloseable {

	private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

	private final URI uri;

	private final List<String> bodies;

	private final long periodNanos;

	private final Semaphore inFlight;

	private final HttpClient client = ClassifyRequests.client().build();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicInteger servedVersion = new AtomicInteger();

	private final List<Long> latencies = new ArrayList<>();

	private final Thread sender;

	private volatile boolean running = true;

	/**
	 * Starts sending.
	 * @param base the service's base URI
	 * @param texts the texts, sent in turn
	 * @param perSecond the requests per second
	 * @param maxInFlight the most requests awaiting an answer
	 */
	PacedLoad(URI base, List<String> texts, double perSecond, int maxInFlight) {
		if (texts.isEmpty() || perSecond <= 0) {
			throw new IllegalArgumentException("Paced load needs texts and a positive rate");
		}
		this.uri = ClassifyRequests.endpoint(base);
		this.bodies = ClassifyRequests.bodies(texts);
		this.periodNanos = (long) (1e9 / perSecond);
		this.inFlight = new Semaphore(maxInFlight);
		this.sender = Thread.ofPlatform().name("soak-sender").start(this::send);
	}

	private void send() {
		long next = System.nanoTime();
		int i = 0;
		while (this.running) {
			next += this.periodNanos;
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			if (!this.inFlight.tryAcquire()) {
				this.failed.incrementAndGet();
				continue;
			}
			HttpRequest request = ClassifyRequests.post(this.uri, this.bodies.get(i++ % this.bodies.size()),
					Duration.ofSeconds(30));
			long begin = System.nanoTime();
			this.client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
				long nanos = System.nanoTime() - begin;
				this.inFlight.release();
				if (error == null && response.statusCode() == 200) {
					Matcher version = VERSION.matcher(response.body());
					if (version.find()) {
						this.servedVersion.set(Integer.parseInt(version.group(1)));
					}
					synchronized (this.latencies) {
						this.latencies.add(nanos);
					}
				}
				else {
					this.failed.incrementAndGet();
				}
			});
		}
	}

	/**
	 * Returns the cascade version of the latest answer.
	 * @return the version, 0 before the first answer
	 */
	int servedVersion() {
		return this.servedVersion.get();
	}

	/**
	 * Returns what happened since the previous call and starts counting anew.
	 * @param sample the process's figures, to which the load's are added
	 * @param seconds seconds since the load started
	 * @return the sample with the answered and failed requests, the 99th percentile
	 * latency and the served version
	 */
	Sample drainInto(Sample sample, double seconds) {
		long[] answered;
		synchronized (this.latencies) {
			answered = this.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			this.latencies.clear();
		}
		double p99 = (answered.length == 0) ? 0 : LatencySummary.percentile(answered, 99) / 1e6;
		return new Sample(seconds, sample.heapBytes(), sample.residentBytes(), sample.nativeBytes(), sample.openFiles(),
				answered.length, this.failed.getAndSet(0), p99, servedVersion(), sample.sockets());
	}

	/**
	 * Stops sending and waits for the answers in flight (each times out after 30 s).
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.sender.join();
		this.client.close();
	}

}
