package dev.tango.core.batching;

import java.util.List;

/**
 * One tier call made by a stage worker of a {@link BatchingCascade}, as reported to a
 * {@link BatchingListener}.
 *
 * @param stage the zero-based stage index
 * @param tier the tier's name
 * @param size the number of inputs in the call, at least 1
 * @param computeNanos the duration of the call, in nanoseconds
 * @param meanQueueNanos the mean time its inputs waited, from entering the stage's queue
 * to the start of the call, in nanoseconds
 * @param maxQueueNanos the longest of those waits, in nanoseconds
 */
public record BatchExecution(int stage, String tier, int size, long computeNanos, long meanQueueNanos,
		long maxQueueNanos) {

	/**
	 * Returns the call of a batch that started at {@code start} and ends now: its
	 * duration and its inputs' waits in the queue until the start.
	 */
	static BatchExecution since(long start, int stage, String tier, List<Item> batch) {
		long computeNanos = System.nanoTime() - start;
		long totalWait = 0;
		long maxWait = 0;
		for (Item item : batch) {
			long wait = start - item.enqueuedNanos();
			totalWait += wait;
			maxWait = Math.max(maxWait, wait);
		}
		return new BatchExecution(stage, tier, batch.size(), computeNanos, totalWait / batch.size(), maxWait);
	}

}
