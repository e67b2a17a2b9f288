package dev.tango.models.serving;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The traffic of one API instance on one cascade version it serves, as it last reported.
 * Counters are cumulative since the instance began serving the version; the rate, the
 * {@link Window window} counts and the latency quantiles cover the instance's traffic
 * window (about the last minute).
 *
 * @param instance the instance's identity
 * @param cascade the cascade's name
 * @param version the cascade version
 * @param requests classification requests the version answered
 * @param failures requests that failed (a tier failed)
 * @param refusals requests refused (a queue full, a deadline passed, the service
 * stopping)
 * @param inputs inputs the version answered, over all its tiers
 * @param tierInputs inputs that reached each tier, cheapest first: the first tier's count
 * is every input the version classified, each later one those escalated to it
 * @param inputsPerSecond answered inputs per second over about the last minute
 * @param window the inputs of the same window, or {@code null} when the instance reports
 * none (it predates the window)
 * @param p50Millis the median latency of answered requests over about the last minute, in
 * milliseconds, or {@code null} without one in that window
 * @param p95Millis their 95th percentile, or {@code null}
 * @param p99Millis their 99th percentile, or {@code null}
 * @param updatedAt when the instance reported it
 */
public record VersionTraffic(String instance, String cascade, int version, long requests, long failures, long refusals,
		long inputs, List<Long> tierInputs, double inputsPerSecond, @Nullable Window window, @Nullable Double p50Millis,
		@Nullable Double p95Millis, @Nullable Double p99Millis, Instant updatedAt) {

	public VersionTraffic {
		Objects.requireNonNull(instance, "instance");
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(updatedAt, "updatedAt");
		tierInputs = List.copyOf(tierInputs);
	}

	/**
	 * Returns whether the instance has not reported for longer than
	 * {@link ServingReports#STALE_AFTER}.
	 * @param now the present time
	 * @return {@code true} if stale
	 */
	public boolean staleAt(Instant now) {
		return ServingReports.stale(this.updatedAt, now);
	}

	/**
	 * What an instance answered over its traffic window: the difference between its
	 * counters now and at the oldest snapshot it keeps within the window, so counts of
	 * instances can be summed.
	 *
	 * @param inputs inputs answered over the window, over all tiers, at least zero
	 * @param tierInputs inputs that reached each tier over the window, cheapest first,
	 * each at least zero; empty when the version's tiers are unknown
	 * @param seconds the time the counts cover: from the oldest snapshot kept to now, at
	 * most the instance's traffic window, shorter while the instance has served for less;
	 * {@code NaN} in reports of instances that did not report it
	 */
	public record Window(long inputs, List<Long> tierInputs, double seconds) {

		public Window {
			if (inputs < 0 || tierInputs.stream().anyMatch((count) -> count < 0)) {
				throw new IllegalArgumentException(
						"Window counts must be at least zero: " + inputs + ", " + tierInputs);
			}
			if (seconds < 0 || Double.isInfinite(seconds)) {
				throw new IllegalArgumentException("A window's length must be finite and at least zero: " + seconds);
			}
			tierInputs = List.copyOf(tierInputs);
		}

	}

}
