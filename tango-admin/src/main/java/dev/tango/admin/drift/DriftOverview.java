package dev.tango.admin.drift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tango.core.drift.DriftStatus;
import dev.tango.models.drift.DriftReport;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.serving.ServingReports;

/**
 * Gathers the drift reports of a cascade, as the API instances last wrote them, by
 * version (newest first) and instance. A report not renewed for
 * {@link ServingReports#STALE_AFTER} is stale; its alarm does not count toward the
 * version's. Bean {@code driftOverview}: the cascade page's drift panel
 * ({@code templates/drift.html}) calls it. Thread-safe.
 */
@Component("driftOverview")
public class DriftOverview {

	private final DriftReports reports;

	private final Clock clock;

	/**
	 * Creates the overview.
	 * @param reports the stored drift reports
	 */
	public DriftOverview(DriftReports reports) {
		this.reports = reports;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Returns the drift of a cascade's versions.
	 * @param cascade the cascade's name
	 * @return the overview; no versions if no instance reports any
	 */
	public CascadeDrift of(String cascade) {
		Instant now = this.clock.instant();
		Map<Integer, Map<String, List<DriftReport>>> grouped = new LinkedHashMap<>();
		for (DriftReport report : this.reports.find(cascade)) {
			grouped.computeIfAbsent(report.version(), (v) -> new LinkedHashMap<>())
				.computeIfAbsent(report.instance(), (i) -> new ArrayList<>())
				.add(report);
		}
		List<VersionDrift> versions = new ArrayList<>();
		grouped.forEach((version, byInstance) -> {
			List<InstanceDrift> instances = new ArrayList<>();
			byInstance.forEach((instance, rows) -> {
				Instant updated = rows.stream().map(DriftReport::updatedAt).max(Instant::compareTo).orElseThrow();
				boolean stale = now.isAfter(updated.plus(ServingReports.STALE_AFTER));
				List<DriftStatus> streams = rows.stream().map(DriftReport::status).toList();
				instances.add(new InstanceDrift(instance, updated, stale,
						!stale && streams.stream().anyMatch(DriftStatus::alarm), streams));
			});
			versions.add(new VersionDrift(version, instances.stream().anyMatch(InstanceDrift::alarm), instances));
		});
		return new CascadeDrift(cascade, versions.stream().anyMatch(VersionDrift::alarm), versions);
	}

	/**
	 * The drift of a cascade.
	 *
	 * @param cascade the cascade's name
	 * @param alarm whether any instance that reports in time alarms on any version
	 * @param versions the reported versions, newest first
	 */
	public record CascadeDrift(String cascade, boolean alarm, List<VersionDrift> versions) {

	}

	/**
	 * The drift of a cascade version.
	 *
	 * @param version the version
	 * @param alarm whether any instance that reports in time alarms on it
	 * @param instances the instances that report on it, by name
	 */
	public record VersionDrift(int version, boolean alarm, List<InstanceDrift> instances) {

	}

	/**
	 * What one API instance reports on a cascade version.
	 *
	 * @param instance the instance
	 * @param updatedAt when it last reported
	 * @param stale whether that is longer ago than reports are renewed
	 * @param alarm whether it reports an alarm in time
	 * @param streams the watched streams: escalations, then label shares, by tier and
	 * label
	 */
	public record InstanceDrift(String instance, Instant updatedAt, boolean stale, boolean alarm,
			List<DriftStatus> streams) {

	}

}
