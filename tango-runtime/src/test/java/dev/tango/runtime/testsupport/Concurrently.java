package dev.tango.runtime.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs a task on several platform threads at once and fails if any of them failed, so
 * that assertions made on other threads count.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Runs {@code task} once on each of {@code threads} new threads, waits for all, and
	 * asserts that none threw.
	 * @param threads how many threads
	 * @param task the work of one thread, given its index from 0
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void run(int threads, ThreadTask task) throws InterruptedException {
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		List<Thread> started = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int index = t;
			started.add(Thread.ofPlatform().start(() -> {
				try {
					task.run(index);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			}));
		}
		for (Thread thread : started) {
			thread.join();
		}
		assertThat(failures).isEmpty();
	}

	/** The work of one thread. */
	@FunctionalInterface
	public interface ThreadTask {

		/**
		 * Does the work.
		 * @param index the thread's index, from 0
		 * @throws Exception on failure, recorded as the thread's failure
		 */
		void run(int index) throws Exception;

	}

}
