package dev.tango.api.serving;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that loads, warms up and retires cascade versions: its tasks run one at
 * a time, each when it is due, and what a task throws is logged rather than lost in its
 * future. Stopped, it can be started again with a new thread. Thread-safe.
 */
final class LoaderThread {

	private static final Logger logger = LoggerFactory.getLogger(LoaderThread.class);

	private volatile ScheduledExecutorService executor = newExecutor();

	private static ScheduledExecutorService newExecutor() {
		return Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tango-cascade-loader").daemon(true).factory());
	}

	/**
	 * Starts a new thread if this one was stopped.
	 * @return whether it was stopped
	 */
	boolean restart() {
		if (!this.executor.isShutdown()) {
			return false;
		}
		this.executor = newExecutor();
		return true;
	}

	/**
	 * Runs a task once it is due; nothing if the thread is stopping.
	 * @param task the task
	 * @param delay how long from now it is due
	 */
	void schedule(Runnable task, Duration delay) {
		try {
			this.executor.schedule(() -> {
				try {
					task.run();
				}
				catch (RuntimeException | Error ex) {
					logger.error("Cascade loading task failed", ex);
				}
			}, delay.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Stopping.
		}
	}

	/**
	 * Interrupts the task that runs, drops those not yet due, and waits for the thread to
	 * end.
	 * @param timeout the longest to wait
	 * @return whether it ended within the timeout
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	boolean stop(Duration timeout) throws InterruptedException {
		this.executor.shutdownNow();
		return this.executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

}
