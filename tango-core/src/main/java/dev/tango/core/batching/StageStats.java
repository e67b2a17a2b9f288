package dev.tango.core.batching;

/**
 * What one stage did for one request of a {@link BatchingCascade}.
 *
 * @param tier the stage's tier name
 * @param inputs the number of the request's inputs the tier classified
 * @param answered the number of them the tier answered (not escalated further)
 * @param batches the number of tier calls that held at least one of the request's inputs
 * (those calls usually held inputs of other requests too)
 * @param queueNanos the longest time one of the request's inputs waited at this stage,
 * from entering its queue to the start of its tier call, in nanoseconds
 * @param computeNanos the total duration of those tier calls, in nanoseconds
 */
public record StageStats(String tier, int inputs, int answered, int batches, long queueNanos, long computeNanos) {

}
