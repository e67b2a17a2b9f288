package dev.tango.admin.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.models.serving.VersionTraffic;

/**
 * The traffic of one cascade version over the API instances that serve it, from their
 * traffic reports; stale reports are left out.
 *
 * @param instances how many instances reported it lately
 * @param inputsPerSecond answered inputs per second over about the last minute, summed
 * over the instances
 * @param requests requests answered, summed over the instances (each counts since it
 * began serving the version)
 * @param inputs inputs answered, summed likewise
 * @param failures requests that failed, summed likewise
 * @param refusals requests refused, summed likewise
 * @param tierInputs inputs that reached each tier, cheapest first, summed likewise
 * @param tierShares the share of the inputs that reached each tier (the first tier's is
 * 1), or an empty list before any input
 * @param p50Millis the median request latency over about the last minute, the largest
 * over the instances, or {@code null} without a request in that window
 * @param p95Millis the 95th percentile, the largest over the instances, or {@code null}
 */
public record LiveTraffic(int instances, double inputsPerSecond, long requests, long inputs, long failures,
		long refusals, List<Long> tierInputs, List<Double> tierShares, @Nullable Double p50Millis,
		@Nullable Double p95Millis) {

	public LiveTraffic {
		tierInputs = List.copyOf(tierInputs);
		tierShares = List.copyOf(tierShares);
	}

	/**
	 * Sums the reports of one version that are not stale.
	 * @param version the cascade version
	 * @param reports the cascade's traffic reports, of every version
	 * @param now the present time
	 * @return the version's traffic, or {@code null} if no instance reported it lately
	 */
	public static @Nullable LiveTraffic of(int version, List<VersionTraffic> reports, Instant now) {
		List<VersionTraffic> live = reports.stream()
			.filter((report) -> report.version() == version && !report.staleAt(now))
			.toList();
		if (live.isEmpty()) {
			return null;
		}
		int tiers = live.stream().mapToInt((report) -> report.tierInputs().size()).max().orElse(0);
		List<Long> tierInputs = new ArrayList<>(tiers);
		for (int tier = 0; tier < tiers; tier++) {
			int index = tier;
			tierInputs.add(live.stream()
				.filter((report) -> index < report.tierInputs().size())
				.mapToLong((report) -> report.tierInputs().get(index))
				.sum());
		}
		List<Double> shares = (tiers == 0 || tierInputs.get(0) == 0) ? List.of()
				: tierInputs.stream().map((count) -> (double) count / tierInputs.get(0)).toList();
		return new LiveTraffic(live.size(), live.stream().mapToDouble(VersionTraffic::inputsPerSecond).sum(),
				live.stream().mapToLong(VersionTraffic::requests).sum(),
				live.stream().mapToLong(VersionTraffic::inputs).sum(),
				live.stream().mapToLong(VersionTraffic::failures).sum(),
				live.stream().mapToLong(VersionTraffic::refusals).sum(), tierInputs, shares,
				max(live.stream().map(VersionTraffic::p50Millis).toList()),
				max(live.stream().map(VersionTraffic::p95Millis).toList()));
	}

	private static @Nullable Double max(List<@Nullable Double> values) {
		return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
	}

}
