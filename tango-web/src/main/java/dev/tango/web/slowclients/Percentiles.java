package dev.tango.web.slowclients;

import java.time.Duration;
import java.util.Arrays;

/**
 * Percentiles of a set of durations, by the nearest-rank method: the pth percentile is
 * the smallest value that at least p percent of the values do not exceed.
 *
 * @param count how many values
 * @param p50 the median, zero if there are no values
 * @param p99 the 99th percentile, zero if there are no values
 * @param max the largest value, zero if there are no values
 */
public record Percentiles(int count, Duration p50, Duration p99, Duration max) {

	/**
	 * Summarises values.
	 * @param nanos the values, in nanoseconds (not changed)
	 * @return their percentiles
	 */
	public static Percentiles of(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return new Percentiles(sorted.length, Duration.ofNanos(rank(sorted, 50)), Duration.ofNanos(rank(sorted, 99)),
				Duration.ofNanos((sorted.length == 0) ? 0 : sorted[sorted.length - 1]));
	}

	private static long rank(long[] sorted, int p) {
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

	@Override
	public String toString() {
		return String.format("n=%d p50=%d ms p99=%d ms max=%d ms", this.count, this.p50.toMillis(), this.p99.toMillis(),
				this.max.toMillis());
	}

}
