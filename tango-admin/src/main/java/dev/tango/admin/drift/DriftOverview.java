package dev.tango.admin.drift;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.core.drift.DriftStatus;
import dev.tango.models.drift.DriftReport;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.serving.ServingReports;

/**
 * Gathers the drift reports of a cascade, as the API instances last wrote them, by
 * version (newest first) and instance, with a verdict per version and stream over the
 * instances. A report not renewed for {@link ServingReports#STALE_AFTER} is stale; it
 * counts toward neither the version's alarm nor its streams' verdicts. Bean
 * {@code driftOverview}: the cascade page's drift panel ({@code templates/drift.html})
 * calls it. Thread-safe.
 *
 * <p>
 * The verdict on a stream ({@link StreamDrift}) alarms when any instance reporting in
 * time alarms on it, and names those instances; its answers are summed over the instances
 * and its live rate is their live rates weighted by their answers. The CUSUM statistics
 * are not added across instances: each instance runs its own sequential test on its own
 * answers, a running sum clipped at zero whose threshold {@code ln(m·W/α)} bounds the
 * false alarms of that one test. Clipped sums of different streams do not add up to the
 * statistic of the pooled answers (each instance resets at its own times), and a sum of n
 * statistics each below the threshold under no drift would cross it far more often than α
 * allows. "Any instance alarms" keeps each test's guarantee: with n instances, at most
 * about n·α false alarms per W answers of each.
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
			versions.add(new VersionDrift(version, instances.stream().anyMatch(InstanceDrift::alarm),
					streams(instances), instances));
		});
		return new CascadeDrift(cascade, versions.stream().anyMatch(VersionDrift::alarm), versions);
	}

	/**
	 * Pools the streams of a version over the instances that report in time.
	 * @param instances what each instance reports on the version
	 * @return a verdict per stream, in the order the first instance lists them; empty if
	 * every instance is stale
	 */
	static List<StreamDrift> streams(List<InstanceDrift> instances) {
		Map<StreamKey, List<Reported>> byStream = new LinkedHashMap<>();
		for (InstanceDrift instance : instances) {
			if (instance.stale()) {
				continue;
			}
			for (DriftStatus stream : instance.streams()) {
				byStream
					.computeIfAbsent(new StreamKey(stream.kind(), stream.tier(), stream.label()),
							(key) -> new ArrayList<>())
					.add(new Reported(instance.instance(), stream));
			}
		}
		List<StreamDrift> streams = new ArrayList<>();
		byStream.forEach((key, reported) -> {
			long observations = reported.stream().mapToLong((each) -> each.status().observations()).sum();
			double weighted = reported.stream()
				.filter((each) -> each.status().observations() > 0 && !Double.isNaN(each.status().live()))
				.mapToDouble((each) -> each.status().live() * each.status().observations())
				.sum();
			long weights = reported.stream()
				.filter((each) -> each.status().observations() > 0 && !Double.isNaN(each.status().live()))
				.mapToLong((each) -> each.status().observations())
				.sum();
			List<StreamAlarm> alarms = reported.stream()
				.filter((each) -> each.status().alarm())
				.map((each) -> new StreamAlarm(each.instance(), each.status().direction()))
				.toList();
			streams.add(new StreamDrift(key.kind(), key.tier(), key.label(), reported.get(0).status().reference(),
					(weights > 0) ? weighted / weights : null, observations, reported.size(), !alarms.isEmpty(),
					alarms));
		});
		return streams;
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
	 * @param streams the verdict on each watched stream over the instances that report in
	 * time: escalations, then label shares, by tier and label
	 * @param instances the instances that report on it, by name
	 */
	public record VersionDrift(int version, boolean alarm, List<StreamDrift> streams, List<InstanceDrift> instances) {

	}

	/**
	 * The verdict on one watched stream of a version over the instances that report in
	 * time.
	 *
	 * @param kind what the stream watches
	 * @param tier the tier's zero-based index
	 * @param label for a label share, the label's identifier; else {@code null}
	 * @param reference the rate calibration measured, in {@code [0, 1]}
	 * @param live the instances' live rates weighted by their answers, in {@code [0, 1]},
	 * or {@code null} before any answer
	 * @param observations the answers the stream saw, summed over the instances
	 * @param instances how many instances report the stream
	 * @param alarm whether any of them alarms on it
	 * @param alarms the instances that alarm, with the way the rate moved on each
	 */
	public record StreamDrift(DriftStatus.Kind kind, int tier, @Nullable String label, double reference,
			@Nullable Double live, long observations, int instances, boolean alarm, List<StreamAlarm> alarms) {

		public StreamDrift {
			alarms = List.copyOf(alarms);
		}

	}

	/**
	 * An instance's alarm on a stream.
	 *
	 * @param instance the instance
	 * @param direction which way the rate moved there
	 */
	public record StreamAlarm(String instance, DriftStatus.Direction direction) {

	}

	private record StreamKey(DriftStatus.Kind kind, int tier, @Nullable String label) {

	}

	private record Reported(String instance, DriftStatus status) {

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
