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
 * <p>
 * Two views of the escalation: {@code tierShares}, cumulative since each instance began
 * serving the version, and {@code recentTierShares}, over the instances' recent window
 * (about the last minute), which shows a change in escalation within minutes where the
 * cumulative share moves slowly. Both divide summed counts (the inputs that reached a
 * tier over all instances by the inputs that reached the first), never average the
 * instances' ratios, so a busy instance weighs as its traffic does.
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
 * @param recentInputs inputs answered over the instances' recent window, summed over
 * those that report one (instances older than the window report none)
 * @param recentTierInputs inputs that reached each tier over the recent window, cheapest
 * first, summed likewise; empty if no instance reports a window
 * @param recentTierShares the share of the recent window's inputs that reached each tier
 * (the first tier's is 1), or an empty list when no input reached the first tier in the
 * window: no recent traffic, shown as such rather than as 0%
 * @param recentSeconds how long the recent window is: the longest of the instances'
 * reported windows, or {@code null} when none reports its length
 * @param p50Millis the median request latency over about the last minute, the largest
 * over the instances, or {@code null} without a request in that window
 * @param p95Millis the 95th percentile, the largest over the instances, or {@code null}
 */
public record LiveTraffic(int instances, double inputsPerSecond, long requests, long inputs, long failures,
		long refusals, List<Long> tierInputs, List<Double> tierShares, long recentInputs, List<Long> recentTierInputs,
		List<Double> recentTierShares, @Nullable Double recentSeconds, @Nullable Double p50Millis,
		@Nullable Double p95Millis) {

	public LiveTraffic {
		tierInputs = List.copyOf(tierInputs);
		tierShares = List.copyOf(tierShares);
		recentTierInputs = List.copyOf(recentTierInputs);
		recentTierShares = List.copyOf(recentTierShares);
	}

	/**
	 * Returns whether any input reached the first tier over the recent window.
	 * @return {@code false} when the window holds no traffic, or no instance reports one
	 */
	public boolean recentTraffic() {
		return !this.recentTierShares.isEmpty();
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
		List<Long> tierInputs = sumByTier(live.stream().map(VersionTraffic::tierInputs).toList());
		List<VersionTraffic.Window> windows = live.stream()
			.map(VersionTraffic::window)
			.filter(Objects::nonNull)
			.toList();
		List<Long> recentTierInputs = sumByTier(windows.stream().map(VersionTraffic.Window::tierInputs).toList());
		return new LiveTraffic(live.size(), live.stream().mapToDouble(VersionTraffic::inputsPerSecond).sum(),
				live.stream().mapToLong(VersionTraffic::requests).sum(),
				live.stream().mapToLong(VersionTraffic::inputs).sum(),
				live.stream().mapToLong(VersionTraffic::failures).sum(),
				live.stream().mapToLong(VersionTraffic::refusals).sum(), tierInputs, shares(tierInputs),
				windows.stream().mapToLong(VersionTraffic.Window::inputs).sum(), recentTierInputs,
				shares(recentTierInputs),
				max(windows.stream()
					.map(VersionTraffic.Window::seconds)
					.map((seconds) -> Double.isNaN(seconds) ? null : seconds)
					.toList()),
				max(live.stream().map(VersionTraffic::p50Millis).toList()),
				max(live.stream().map(VersionTraffic::p95Millis).toList()));
	}

	/** Sums per-tier counts; a report with fewer tiers counts nothing for the others. */
	private static List<Long> sumByTier(List<List<Long>> counts) {
		int tiers = counts.stream().mapToInt(List::size).max().orElse(0);
		List<Long> sums = new ArrayList<>(tiers);
		for (int tier = 0; tier < tiers; tier++) {
			int index = tier;
			sums.add(counts.stream().filter((each) -> index < each.size()).mapToLong((each) -> each.get(index)).sum());
		}
		return sums;
	}

	/** Each tier's count over the first tier's; empty when the first tier's is zero. */
	private static List<Double> shares(List<Long> tierInputs) {
		if (tierInputs.isEmpty() || tierInputs.get(0) == 0) {
			return List.of();
		}
		long first = tierInputs.get(0);
		return tierInputs.stream().map((count) -> (double) count / first).toList();
	}

	private static @Nullable Double max(List<@Nullable Double> values) {
		return values.stream().filter(Objects::nonNull).max(Double::compare).orElse(null);
	}

}
