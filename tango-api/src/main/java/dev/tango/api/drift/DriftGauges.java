package dev.tango.api.drift;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

import dev.tango.core.drift.DriftStatus;

/**
 * The drift watch's gauges, one row per watched stream of each watched version, tagged
 * {@code cascade}, {@code version}, {@code tier}, {@code stream} ({@code escalation} or
 * {@code label_share}) and {@code label} (empty for escalation):
 * {@code tango.drift.statistic} and {@code tango.drift.threshold} (in nats),
 * {@code tango.drift.alarm} (1 while alarmed), {@code tango.drift.live.rate} and
 * {@code tango.drift.reference.rate}. Rows of versions no longer watched disappear.
 * Thread-safe.
 */
@Component
public class DriftGauges {

	private final List<Gauge> gauges = new ArrayList<>();

	/** The versions the rows are registered for (compared by identity). */
	private Set<WatchedVersion> registered = Set.of();

	/**
	 * Registers the gauges, with no rows.
	 * @param meters where they go
	 */
	public DriftGauges(MeterRegistry meters) {
		add(meters, "tango.drift.statistic", "The larger one-sided CUSUM statistic of a watched stream",
				DriftStatus::statistic);
		add(meters, "tango.drift.threshold", "The alarm threshold ln(m·W/α) of a watched stream",
				DriftStatus::threshold);
		add(meters, "tango.drift.alarm", "1 while a watched stream alarms, else 0", (status) -> status.alarm() ? 1 : 0);
		add(meters, "tango.drift.live.rate", "A watched stream's live rate (escalation or label share)",
				DriftStatus::live);
		add(meters, "tango.drift.reference.rate", "A watched stream's rate on the calibration set",
				DriftStatus::reference);
	}

	private void add(MeterRegistry meters, String name, String description, ToDoubleFunction<DriftStatus> value) {
		this.gauges.add(new Gauge(MultiGauge.builder(name).description(description).register(meters), value));
	}

	/**
	 * Makes the rows those of the watched versions, each reading its version's last
	 * snapshot when scraped; registers anew only when the versions watched change.
	 * @param versions the watched versions
	 */
	synchronized void refresh(Collection<WatchedVersion> versions) {
		Set<WatchedVersion> watched = Set.copyOf(versions);
		if (watched.equals(this.registered)) {
			return;
		}
		for (Gauge gauge : this.gauges) {
			List<MultiGauge.Row<?>> rows = new ArrayList<>();
			for (WatchedVersion version : watched) {
				List<DriftStatus> statuses = version.latest();
				for (int i = 0; i < statuses.size(); i++) {
					int stream = i;
					rows.add(MultiGauge.Row.of(tags(version, statuses.get(i)),
							() -> gauge.value().applyAsDouble(version.latest().get(stream))));
				}
			}
			gauge.gauge().register(rows, true);
		}
		this.registered = watched;
	}

	private static Tags tags(WatchedVersion version, DriftStatus status) {
		return Tags.of("cascade", version.cascade(), "version", Integer.toString(version.version()), "tier",
				Integer.toString(status.tier()), "stream", status.kind().name().toLowerCase(Locale.ROOT), "label",
				(status.label() != null) ? status.label() : "");
	}

	private record Gauge(MultiGauge gauge, ToDoubleFunction<DriftStatus> value) {

	}

}
