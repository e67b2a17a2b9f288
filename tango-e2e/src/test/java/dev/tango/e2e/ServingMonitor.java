package dev.tango.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tango.client.Health;
import dev.tango.client.RetryPolicy;
import dev.tango.client.TangoClient;
import dev.tango.client.classify.ClassifyRequest;

/**
 * Watches tango-api while it serves: every {@value #PERIOD_MILLIS} ms, on a thread of its
 * own, one readiness probe and one classification, recording the version of every answer
 * and every probe that is not up and every call that failed, until closed. Calls are
 * never retried, so that no failure is hidden.
 */
final class ServingMonitor implements AutoCloseable {

	static final long PERIOD_MILLIS = 200;

	private final TangoClient api;

	private final String cascade;

	private final ClassifyRequest request;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "serving-monitor");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger probes = new AtomicInteger();

	private final List<Integer> versions = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private ServingMonitor(TangoClient api, String cascade, ClassifyRequest request) {
		this.api = api.withRetry(RetryPolicy.none());
		this.cascade = cascade;
		this.request = request;
	}

	/**
	 * Starts watching.
	 * @param api the service
	 * @param cascade the cascade to classify with
	 * @param request the request of every classification
	 * @return the monitor
	 */
	static ServingMonitor start(TangoClient api, String cascade, ClassifyRequest request) {
		ServingMonitor monitor = new ServingMonitor(api, cascade, request);
		monitor.executor.scheduleWithFixedDelay(monitor::poll, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
		return monitor;
	}

	/** How many readiness probes were answered, up or not. */
	int probes() {
		return this.probes.get();
	}

	/** The version of every successful classification, in order. */
	List<Integer> versions() {
		return List.copyOf(this.versions);
	}

	/** Every readiness probe that was not up or call that failed, described. */
	List<String> failures() {
		return List.copyOf(this.failures);
	}

	/** Stops watching, after the poll under way if any; does nothing the second time. */
	void stop() {
		this.executor.shutdown();
		try {
			this.executor.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		stop();
	}

	private void poll() {
		try {
			Health readiness = this.api.readiness();
			this.probes.incrementAndGet();
			if (!readiness.isUp()) {
				this.failures.add("readiness " + readiness);
			}
			this.versions.add(this.api.classify(this.cascade, this.request).version());
		}
		catch (RuntimeException ex) {
			this.failures.add(ex.toString());
		}
	}

}
