package dev.tango.api.drift;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.CascadeStatus;
import dev.tango.api.serving.PeriodicReport;
import dev.tango.api.serving.RegistryOutageLog;
import dev.tango.api.serving.ServedCascade;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.drift.DriftMonitor;
import dev.tango.core.drift.DriftReference;
import dev.tango.core.tier.Label;
import dev.tango.models.drift.DriftParameters;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.registry.ModelRegistry;

/**
 * Watches the answers of every served cascade version for drift from its calibration: a
 * {@link DriftMonitor} per version whose newest calibration records a drift reference
 * ({@link DriftParameters}); a version without one is not watched.
 *
 * <p>
 * {@link #observe} is on the answer path and only counts: a map lookup and the monitor's
 * arithmetic, no I/O. Everything else runs on the serving reporter's thread as a
 * {@link PeriodicReport}: following which versions serve (reading a new version's
 * reference from the registry; answers it gave before are not counted), taking snapshots
 * for the gauges and the health, and writing them to the registry every
 * {@code tango.api.drift.report-interval} and within a second of an alarm rising or
 * clearing. Best effort: while the registry is away, the watch goes on and the failure is
 * logged once.
 *
 * <p>
 * Thread-safe.
 */
@Component
public class DriftWatch implements PeriodicReport {

	private static final Logger logger = LoggerFactory.getLogger(DriftWatch.class);

	private final CascadeServer server;

	private final ModelRegistry registry;

	private final DriftReports reports;

	private final DriftProperties properties;

	private final DriftGauges gauges;

	private final Map<Key, WatchedVersion> watched = new ConcurrentHashMap<>();

	/**
	 * Versions found without a reference, and when they were last looked at; reporter
	 * thread only.
	 */
	private final Map<Key, Instant> unreferenced = new HashMap<>();

	private Instant lastExpiry = Instant.EPOCH;

	private final RegistryOutageLog outage = new RegistryOutageLog(DriftWatch.class,
			"Cannot read drift references or write drift reports in the registry; the watch goes on, trying again every second",
			"Drift reports are recorded in the registry again");

	/**
	 * Creates the watch.
	 * @param server the served cascades
	 * @param registry where the references are read
	 * @param reports where the drift reports go
	 * @param properties the watch's settings
	 * @param gauges the gauges it publishes
	 */
	public DriftWatch(CascadeServer server, ModelRegistry registry, DriftReports reports, DriftProperties properties,
			DriftGauges gauges) {
		this.server = server;
		this.registry = registry;
		this.reports = reports;
		this.properties = properties;
		this.gauges = gauges;
	}

	/**
	 * Counts the answers of a version; answers that fell back to an unsure tier because
	 * the next was unavailable are left out. Never blocks on I/O, never throws.
	 * @param served the version that answered
	 * @param predictions its answers
	 */
	public void observe(ServedCascade served, List<Prediction> predictions) {
		WatchedVersion version = this.watched.get(new Key(served.name(), served.versionNumber()));
		if (version == null) {
			return;
		}
		for (Prediction prediction : predictions) {
			if (!prediction.fallback()) {
				version.monitor().observe(prediction.tier(), prediction.labelIndex());
			}
		}
	}

	/**
	 * Returns the versions under watch, with their last snapshots.
	 * @return the watched versions, in no particular order
	 */
	Collection<WatchedVersion> watched() {
		return List.copyOf(this.watched.values());
	}

	/**
	 * Returns the served versions not watched for want of a reference.
	 * @return cascade and version of each
	 */
	List<Key> unwatched() {
		return this.served().keySet().stream().filter((key) -> !this.watched.containsKey(key)).toList();
	}

	@Override
	public void report(Instant now, String instance) {
		if (!this.properties.enabled()) {
			return;
		}
		Map<Key, ServedCascade> served = served();
		for (Map.Entry<Key, ServedCascade> entry : served.entrySet()) {
			if (!this.watched.containsKey(entry.getKey())) {
				watch(entry.getKey(), entry.getValue(), now);
			}
		}
		Duration interval = this.properties.reportInterval();
		try {
			for (WatchedVersion version : List.copyOf(this.watched.values())) {
				Key key = new Key(version.cascade(), version.version());
				if (!served.containsKey(key)) {
					this.watched.remove(key);
					this.reports.delete(instance, version.cascade(), version.version());
				}
				else if (version.refresh(now, interval)) {
					version.unwritten();
					this.reports.save(instance, version.cascade(), version.version(), version.latest(), now);
					version.written(now);
				}
			}
			if (!now.isBefore(this.lastExpiry.plus(interval))) {
				this.reports.expire(now.minus(interval.multipliedBy(4)));
				this.lastExpiry = now;
			}
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
		}
		finally {
			this.gauges.refresh(this.watched.values());
		}
	}

	@Override
	public void withdraw(String instance) {
		this.reports.deleteAll(instance);
	}

	private void watch(Key key, ServedCascade served, Instant now) {
		Instant looked = this.unreferenced.get(key);
		if (looked != null && now.isBefore(looked.plus(this.properties.reportInterval()))) {
			return;
		}
		try {
			List<Label> labels = served.labels();
			Optional<DriftReference> reference = DriftParameters.newest(
					this.registry.listCalibrations(served.name(), served.versionNumber()), served.stages().size(),
					labels.size());
			if (reference.isEmpty()) {
				if (looked == null) {
					logger.info("Cascade {} version {} records no drift reference in its calibrations: not watched",
							served.name(), served.versionNumber());
				}
				this.unreferenced.put(key, now);
				return;
			}
			this.unreferenced.remove(key);
			DriftMonitor monitor = new DriftMonitor(reference.get(), labels.stream().map(Label::id).toList(),
					this.properties.settings());
			this.watched.put(key, new WatchedVersion(served.name(), served.versionNumber(), monitor));
			logger.info("Watching cascade {} version {} for drift: {} tests, threshold {} nats", served.name(),
					served.versionNumber(), 2 * monitor.statuses().size(), String.format("%.2f", monitor.threshold()));
		}
		catch (RuntimeException ex) {
			this.unreferenced.put(key, now);
			this.outage.failed(ex);
		}
	}

	private Map<Key, ServedCascade> served() {
		Map<Key, ServedCascade> served = new HashMap<>();
		for (CascadeStatus status : this.server.statuses()) {
			if (status.servedVersion() != null) {
				try {
					ServedCascade cascade = this.server.require(status.name(), null);
					served.put(new Key(cascade.name(), cascade.versionNumber()), cascade);
				}
				catch (RuntimeException ex) {
					// Stopped serving since the status was taken.
				}
			}
		}
		return served;
	}

	/**
	 * A cascade version.
	 *
	 * @param cascade the cascade's name
	 * @param version the version
	 */
	record Key(String cascade, int version) {

	}

}
