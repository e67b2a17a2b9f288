package dev.tango.core.batching;

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

}
