package dev.tango.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches tango-api while it serves: every {@value #PERIOD_MILLIS} ms, on a thread of its
 * own, one readiness probe and one classification, recording the version of every answer
 * and every answer that is not a 200, until closed.
 */
final class ServingMonitor implements AutoCloseable {

	static final long PERIOD_MILLIS = 200;

	private final ApiClient api;

	private final String cascade;

	private final List<String> texts;

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "serving-monitor");
		thread.setDaemon(true);
		return thread;
	});

	private final AtomicInteger probes = new AtomicInteger();

	private final List<Integer> versions = new CopyOnWriteArrayList<>();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private ServingMonitor(ApiClient api, String cascade, List<String> texts) {
		this.api = api;
		this.cascade = cascade;
		this.texts = List.copyOf(texts);
	}

	/**
	 * Starts watching.
	 * @param api the service
	 * @param cascade the cascade to classify with
	 * @param texts the inputs of every classification
	 * @return the monitor
	 */
	static ServingMonitor start(ApiClient api, String cascade, List<String> texts) {
		ServingMonitor monitor = new ServingMonitor(api, cascade, texts);
		monitor.executor.scheduleWithFixedDelay(monitor::poll, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
		return monitor;
	}

	/** How many readiness probes were answered, 200 or not. */
	int probes() {
		return this.probes.get();
	}

	/** The version of every successful classification, in order. */
	List<Integer> versions() {
		return List.copyOf(this.versions);
	}

	/** Every readiness probe or classification that did not answer 200, described. */
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
			ApiClient.Answer readiness = this.api.readiness();
			this.probes.incrementAndGet();
			if (readiness.status() != 200) {
				this.failures.add("readiness " + readiness.status() + ": " + readiness.body());
			}
			ApiClient.Answer answer = this.api.classify(this.cascade, this.texts);
			if (answer.status() == 200) {
				this.versions.add(answer.version());
			}
			else {
				this.failures.add("classify " + answer.status() + ": " + answer.body());
			}
		}
		catch (RuntimeException ex) {
			this.failures.add(ex.toString());
		}
	}

}
