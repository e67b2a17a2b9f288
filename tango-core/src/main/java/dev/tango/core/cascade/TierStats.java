package dev.tango.core.cascade;

/**
 * What one tier did for one call of a cascade.
 *
 * @param tier the tier's name
 * @param inputs the number of inputs the tier classified
 * @param answered the number of inputs the tier answered (not escalated further)
 * @param batches the number of calls made to the tier
 * @param nanos the wall-clock time spent in the tier, in nanoseconds
 */
public record TierStats(String tier, int inputs, int answered, int batches, long nanos) {

}
