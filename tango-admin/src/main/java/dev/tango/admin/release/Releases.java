package dev.tango.admin.release;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

import dev.tango.models.registry.CalibrationPoint;
import dev.tango.models.registry.CalibrationResult;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseReports;

/**
 * Reads a cascade's releases for the admin: the plans and audit from the registry, the
 * instances' reports added up per version, and each version's escalation as its latest
 * calibration measured it. Thread-safe.
 */
@Service
public class Releases {

	private static final int RECENT = 20;

	private final ReleasePlans plans;

	private final ReleaseReports reports;

	private final ModelRegistry registry;

	Releases(ReleasePlans plans, ReleaseReports reports, ModelRegistry registry) {
		this.plans = plans;
		this.reports = reports;
		this.registry = registry;
	}

	/**
	 * Returns a cascade's releases.
	 * @param cascade the cascade's name
	 * @return the status
	 * @throws RegistryNotFoundException if the cascade has no version
	 */
	public ReleaseStatus status(String cascade) {
		this.registry.requireCascadeVersions(cascade);
		List<ReleasePlan> recent = this.plans.list(cascade, RECENT);
		ReleasePlan latest = recent.isEmpty() ? null : recent.get(0);
		ReleasePlan running = (latest != null && latest.running()) ? latest : null;
		List<VersionReport> versions = new ArrayList<>();
		if (latest != null) {
			List<ReleaseReport> all = this.reports.list(latest.id());
			Map<Integer, Long> instances = all.stream()
				.collect(Collectors.groupingBy(ReleaseReport::version, Collectors.counting()));
			for (ReleaseReport total : this.reports.totals(latest.id())) {
				versions.add(VersionReport.of(total, instances.get(total.version()).intValue(),
						calibratedEscalation(cascade, total.version(), total.tiers().size())));
			}
		}
		return new ReleaseStatus(cascade, running, latest, versions, recent, this.plans.audit(cascade, RECENT));
	}

	/**
	 * Returns a version's escalation past each gate at its chosen threshold, from its
	 * latest calibration.
	 */
	private List<@Nullable Double> calibratedEscalation(String cascade, int version, int tiers) {
		List<CalibrationResult> results = this.registry.listCalibrations(cascade, version);
		List<@Nullable Double> escalation = new ArrayList<>();
		CalibrationResult latest = results.isEmpty() ? null : results.get(results.size() - 1);
		for (int gate = 0; gate + 1 < tiers; gate++) {
			escalation.add((latest != null) ? atThreshold(latest, gate) : null);
		}
		return escalation;
	}

	private static @Nullable Double atThreshold(CalibrationResult result, int gate) {
		Double threshold = result.thresholds().get(gate);
		if (threshold == null) {
			return null;
		}
		return result.curve()
			.stream()
			.filter((point) -> point.gate() == gate)
			.min(Comparator.comparingDouble((CalibrationPoint point) -> Math.abs(point.threshold() - threshold)))
			.map(CalibrationPoint::escalation)
			.orElse(null);
	}

}
