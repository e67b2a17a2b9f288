package dev.tango.admin.ui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import dev.tango.models.feedback.LiveAccuracy;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.VersionTraffic;

/**
 * What is live of one cascade version, from what the registry holds: which API instances
 * serve it (their serving reports, stale ones left out), its traffic over them (their
 * traffic reports, stale ones left out), and its answers that feedback labelled (how
 * many, the share that the first tier passed on, the accuracy with its 95% Wilson
 * interval).
 *
 * @param version the cascade version
 * @param active whether it is the active version
 * @param instances the instances that serve it and reported within the heartbeat, by name
 * @param labelled how many of its answers feedback labelled
 * @param escalated the share of those answers that a later tier than the first gave, or
 * {@code null} without any
 * @param accuracy the accuracy of those answers over every tier, or {@code null} without
 * any
 * @param traffic its traffic over the instances that reported it lately, or {@code null}
 * if none did
 */
public record VersionNumbers(int version, boolean active, List<String> instances, long labelled,
		@Nullable Double escalated, @Nullable LiveAccuracy accuracy, @Nullable LiveTraffic traffic) {

	public VersionNumbers {
		instances = List.copyOf(instances);
	}

	/**
	 * Gathers the numbers of every version that is active, served by an instance,
	 * reported with traffic or labelled by feedback, newest version first.
	 * @param activeVersion the active version, or {@code null} if none is
	 * @param reports the cascade's serving reports
	 * @param traffic the cascade's traffic reports
	 * @param accuracy the cascade's live accuracy rows (all tiers and per tier)
	 * @param now the present time, to leave out stale reports
	 * @return a row per such version
	 */
	public static List<VersionNumbers> of(@Nullable Integer activeVersion, List<ServingReport> reports,
			List<VersionTraffic> traffic, List<LiveAccuracy> accuracy, Instant now) {
		TreeSet<Integer> versions = new TreeSet<>();
		if (activeVersion != null) {
			versions.add(activeVersion);
		}
		List<ServingReport> live = reports.stream()
			.filter((report) -> report.servedVersion() != null && !report.staleAt(now))
			.toList();
		live.forEach((report) -> versions.add(report.servedVersion()));
		traffic.stream().filter((report) -> !report.staleAt(now)).forEach((report) -> versions.add(report.version()));
		accuracy.forEach((row) -> versions.add(row.version()));
		List<VersionNumbers> rows = new ArrayList<>();
		for (int version : versions.descendingSet()) {
			List<String> instances = live.stream()
				.filter((report) -> report.servedVersion() == version)
				.map(ServingReport::instance)
				.sorted()
				.toList();
			LiveAccuracy all = accuracy.stream()
				.filter((row) -> row.version() == version && row.tier() == null)
				.findFirst()
				.orElse(null);
			long labelled = (all != null) ? all.labelled() : 0;
			Double escalated = null;
			if (all != null) {
				long first = accuracy.stream()
					.filter((row) -> row.version() == version && Objects.equals(row.tier(), 0))
					.mapToLong(LiveAccuracy::labelled)
					.sum();
				escalated = (double) (labelled - first) / labelled;
			}
			rows.add(new VersionNumbers(version, Objects.equals(activeVersion, version), instances, labelled, escalated,
					all, LiveTraffic.of(version, traffic, now)));
		}
		return rows;
	}

}
