package dev.tango.api.drift;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import dev.tango.core.drift.DriftStatus;

/**
 * The Actuator health detail {@code drift}: whether any watched version alarms, and per
 * cascade version its answers counted, the tests' threshold and the streams that alarm,
 * each with its reference and live rate. Always {@code UP}: drift is a warning for
 * people, not a reason to take the instance out of service; it is in neither the liveness
 * nor the readiness group.
 */
@Component("drift")
class DriftHealthIndicator implements HealthIndicator {

	private final DriftWatch watch;

	DriftHealthIndicator(DriftWatch watch) {
		this.watch = watch;
	}

	@Override
	public Health health() {
		List<WatchedVersion> versions = new ArrayList<>(this.watch.watched());
		versions.sort(Comparator.comparing(WatchedVersion::cascade).thenComparing(WatchedVersion::version));
		Map<String, Object> cascades = new LinkedHashMap<>();
		boolean alarm = false;
		for (WatchedVersion version : versions) {
			List<Map<String, Object>> alarms = new ArrayList<>();
			for (DriftStatus status : version.latest()) {
				if (status.alarm()) {
					alarms.add(describe(status));
				}
			}
			alarm |= !alarms.isEmpty();
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("version", version.version());
			detail.put("alarm", !alarms.isEmpty());
			detail.put("answers", version.monitor().answers());
			detail.put("threshold", round(version.monitor().threshold()));
			detail.put("alarms", alarms);
			cascades.put(version.cascade() + ":" + version.version(), detail);
		}
		List<String> unwatched = this.watch.unwatched()
			.stream()
			.map((key) -> key.cascade() + ":" + key.version())
			.sorted()
			.toList();
		return Health.up()
			.withDetail("alarm", alarm)
			.withDetail("versions", cascades)
			.withDetail("unwatched", unwatched)
			.build();
	}

	private static Map<String, Object> describe(DriftStatus status) {
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("stream", status.kind().name().toLowerCase(Locale.ROOT));
		detail.put("tier", status.tier());
		if (status.label() != null) {
			detail.put("label", status.label());
		}
		detail.put("direction", status.direction().name().toLowerCase(Locale.ROOT));
		detail.put("reference", round(status.reference()));
		detail.put("live", round(status.live()));
		detail.put("statistic", round(status.statistic()));
		return detail;
	}

	private static double round(double value) {
		return Math.round(value * 1e4) / 1e4;
	}

}
