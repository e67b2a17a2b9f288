package dev.tango.bench.load;

import java.util.Arrays;

/**
 * What one load point measured: completed requests, failed requests, throughput and
 * latency percentiles over the measured window.
 *
 * @param requests requests answered with 200 in the window
 * @param errors requests that failed (any other status, or an I/O error)
 * @param perSecond answered requests per second of the window
 * @param p50Nanos median latency
 * @param p99Nanos 99th percentile latency
 * @param cpuNanosPerRequest CPU time the service used per answered request, all its
 * threads together; unlike throughput, barely affected by other processes on the host
 * @param clientCpuNanosPerRequest CPU time the load generator used per answered request
 */
public record LatencySummary(long requests, long errors, double perSecond, long p50Nanos, long p99Nanos,
		double cpuNanosPerRequest, double clientCpuNanosPerRequest) {

	/**
	 * Summarises latencies measured over a window.
	 * @param latencies the latencies of the answered requests, in nanoseconds (not
	 * changed)
	 * @param errors the failed requests
	 * @param windowNanos the length of the window
	 * @param cpuNanos the CPU time the service used during the window
	 * @param clientCpuNanos the CPU time the load generator used during the window
	 * @return the summary
	 */
	public static LatencySummary of(long[] latencies, long errors, long windowNanos, long cpuNanos,
			long clientCpuNanos) {
		if (windowNanos <= 0) {
			throw new IllegalArgumentException("The window must be positive, was " + windowNanos);
		}
		long[] sorted = latencies.clone();
		Arrays.sort(sorted);
		return new LatencySummary(sorted.length, errors, sorted.length / (windowNanos / 1e9), percentile(sorted, 50),
				percentile(sorted, 99), (double) cpuNanos / Math.max(1, sorted.length),
				(double) clientCpuNanos / Math.max(1, sorted.length));
	}

	/**
	 * Returns a percentile by the nearest-rank method: the smallest value such that at
	 * least {@code p} percent of the values are at most it.
	 * @param sorted values in ascending order
	 * @param p the percentile, in (0, 100]
	 * @return the value, or 0 if there is none
	 */
	public static long percentile(long[] sorted, double p) {
		if (!(p > 0 && p <= 100)) {
			throw new IllegalArgumentException("The percentile must be in (0, 100], was " + p);
		}
		if (sorted.length == 0) {
			return 0;
		}
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.max(0, rank - 1)];
	}

}
