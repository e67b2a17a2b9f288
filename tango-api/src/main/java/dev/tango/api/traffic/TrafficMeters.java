package dev.tango.api.traffic;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.search.Search;

/**
 * Reads one cascade version's traffic from the serving meters, tagged with its cascade
 * and version: {@code tango.requests} (by outcome; its published percentiles give the
 * latency of answered requests), {@code tango.answers} and {@code tango.batch.size} (by
 * tier). No meter of its own: the numbers are those Prometheus scrapes. Thread-safe.
 */
final class TrafficMeters {

	private final MeterRegistry meters;

	TrafficMeters(MeterRegistry meters) {
		this.meters = meters;
	}

	/**
	 * Reads the cumulative counts of a version, warm-up left out.
	 * @param cascade the cascade's name
	 * @param version the version
	 * @param tiers how many tiers it has
	 * @return the counts
	 */
	Counts counts(String cascade, int version, int tiers) {
		List<Long> tierInputs = new ArrayList<>(tiers);
		for (int tier = 0; tier < tiers; tier++) {
			double inputs = search("tango.batch.size", cascade, version).tag("tier", Integer.toString(tier))
				.summaries()
				.stream()
				.mapToDouble(DistributionSummary::totalAmount)
				.sum();
			tierInputs.add(Math.round(inputs));
		}
		double answered = search("tango.answers", cascade, version).counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
		return new Counts(requests(cascade, version, "success"), requests(cascade, version, "failed"),
				requests(cascade, version, "rejected"), Math.round(answered), tierInputs);
	}

	/**
	 * Reads the latency percentiles of a version's answered requests over the timers'
	 * window: for each percentile, the largest over the protocols.
	 * @param cascade the cascade's name
	 * @param version the version
	 * @return the median, 95th and 99th percentiles in milliseconds, in that order; zero
	 * when no request was answered in the window
	 */
	double[] latencyMillis(String cascade, int version) {
		double[] quantiles = { 0.5, 0.95, 0.99 };
		double[] millis = new double[quantiles.length];
		for (Timer timer : timers(cascade, version, "success")) {
			for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
				for (int i = 0; i < quantiles.length; i++) {
					if (Math.abs(value.percentile() - quantiles[i]) < 1e-9) {
						millis[i] = Math.max(millis[i], value.value(TimeUnit.MILLISECONDS));
					}
				}
			}
		}
		return millis;
	}

	private long requests(String cascade, int version, String outcome) {
		return timers(cascade, version, outcome).stream().mapToLong(Timer::count).sum();
	}

	private Collection<Timer> timers(String cascade, int version, String outcome) {
		return search("tango.requests", cascade, version).tag("outcome", outcome).timers();
	}

	private Search search(String name, String cascade, int version) {
		return this.meters.find(name).tag("cascade", cascade).tag("version", Integer.toString(version));
	}

	/**
	 * A version's cumulative counts.
	 *
	 * @param requests requests answered
	 * @param failures requests that failed
	 * @param refusals requests refused
	 * @param inputs inputs answered, over every tier
	 * @param tierInputs inputs that reached each tier, cheapest first
	 */
	record Counts(long requests, long failures, long refusals, long inputs, List<Long> tierInputs) {

	}

}
