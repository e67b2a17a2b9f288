package dev.tango.api.traffic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import dev.tango.api.ApiProperties;
import dev.tango.api.classify.ClassificationService;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.CascadeStatus;
import dev.tango.api.serving.PeriodicReport;
import dev.tango.api.serving.RegistryOutageLog;
import dev.tango.api.serving.ServedCascade;
import dev.tango.models.serving.ServingTraffic;
import dev.tango.models.serving.VersionTraffic;

/**
 * Reports the traffic of every cascade version this instance serves (the active version
 * and a release plan's candidate) to the registry, for the admin's live numbers: the
 * cumulative counters of the serving meters ({@link TrafficMeters}); over the recent
 * window ({@code tango.api.serving-reports.traffic-window}, a minute by default) the rate
 * of answered inputs, the inputs answered and the inputs that reached each tier, all from
 * its own samples of those counters; and the latency percentiles the request timers
 * publish over {@link ClassificationService#LATENCY_WINDOW}.
 *
 * <p>
 * The window's counts are the counters' latest sample less the oldest sample kept within
 * the window (never below zero), so they cover a little less than the window, and drop to
 * zero once a window passes without traffic. A version this instance began serving less
 * than a window ago counts from its first sample.
 *
 * <p>
 * Runs on the serving reporter's thread as a {@link PeriodicReport}: it samples the
 * counters every turn (about once a second) and writes every {@link #WRITE_INTERVAL};
 * deletes the row of a version no longer served here, and expires the rows of instances
 * not renewed for {@code tango.api.serving-reports.retention}. Best effort: while the
 * registry is away, the failure is logged once and serving goes on. Reporter thread only.
 */
@Component
public class TrafficReport implements PeriodicReport {

	/** How often the reports are written. */
	public static final Duration WRITE_INTERVAL = Duration.ofSeconds(5);

	private final CascadeServer server;

	private final ServingTraffic store;

	private final TrafficMeters meters;

	private final Duration retention;

	private final Duration window;

	/** Counter samples of each served version over the window, oldest first. */
	private final Map<Key, Deque<Sample>> samples = new HashMap<>();

	private @Nullable Instant lastWrite;

	private final RegistryOutageLog outage = new RegistryOutageLog(TrafficReport.class,
			"Cannot record this instance's traffic reports in the registry; serving goes on, trying again every second",
			"Traffic reports are recorded in the registry again");

	/**
	 * Creates the report.
	 * @param server the served cascades
	 * @param store where the reports go
	 * @param meters the serving meters
	 * @param properties the service's settings, for how long reports are kept and the
	 * recent window
	 */
	public TrafficReport(CascadeServer server, ServingTraffic store, MeterRegistry meters, ApiProperties properties) {
		this.server = server;
		this.store = store;
		this.meters = new TrafficMeters(meters);
		this.retention = properties.servingReports().retention();
		this.window = properties.servingReports().trafficWindow();
	}

	@Override
	public void report(Instant now, String instance) {
		Map<Key, ServedCascade> served = served();
		Map<Key, TrafficMeters.Counts> counts = new HashMap<>();
		served.forEach((key, cascade) -> {
			TrafficMeters.Counts current = this.meters.counts(key.cascade(), key.version(), cascade.stages().size());
			counts.put(key, current);
			Deque<Sample> window = this.samples.computeIfAbsent(key, (k) -> new ArrayDeque<>());
			window.addLast(new Sample(now, current.inputs(), current.tierInputs()));
			Instant cutoff = now.minus(this.window);
			while (window.size() > 1 && !window.getFirst().at().isAfter(cutoff)) {
				window.removeFirst();
			}
		});
		boolean due = this.lastWrite == null || !now.isBefore(this.lastWrite.plus(WRITE_INTERVAL));
		try {
			for (Key gone : List.copyOf(this.samples.keySet())) {
				if (!served.containsKey(gone)) {
					this.store.delete(instance, gone.cascade(), gone.version());
					this.samples.remove(gone);
				}
			}
			if (due) {
				for (Map.Entry<Key, TrafficMeters.Counts> entry : counts.entrySet()) {
					this.store.save(traffic(instance, entry.getKey(), entry.getValue(), now));
				}
				this.store.expire(now.minus(this.retention));
				this.lastWrite = now;
			}
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
		}
	}

	@Override
	public void withdraw(String instance) {
		this.samples.clear();
		this.lastWrite = null;
		this.store.deleteAll(instance);
	}

	private VersionTraffic traffic(String instance, Key key, TrafficMeters.Counts counts, Instant now) {
		Deque<Sample> window = this.samples.get(key);
		Sample first = window.getFirst();
		Sample last = window.getLast();
		double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
		double rate = (seconds > 0) ? (last.inputs() - first.inputs()) / seconds : 0;
		Double p50 = null;
		Double p95 = null;
		Double p99 = null;
		double[] latency = this.meters.latencyMillis(key.cascade(), key.version());
		if (latency[0] > 0) {
			p50 = latency[0];
			p95 = latency[1];
			p99 = latency[2];
		}
		return new VersionTraffic(instance, key.cascade(), key.version(), counts.requests(), counts.failures(),
				counts.refusals(), counts.inputs(), counts.tierInputs(), Math.max(0, rate), recent(first, last), p50,
				p95, p99, now);
	}

	private static VersionTraffic.Window recent(Sample first, Sample last) {
		List<Long> tiers = new ArrayList<>(last.tierInputs().size());
		for (int tier = 0; tier < last.tierInputs().size(); tier++) {
			long before = (tier < first.tierInputs().size()) ? first.tierInputs().get(tier) : 0;
			tiers.add(Math.max(0, last.tierInputs().get(tier) - before));
		}
		return new VersionTraffic.Window(Math.max(0, last.inputs() - first.inputs()), tiers,
				Duration.between(first.at(), last.at()).toMillis() / 1000.0);
	}

	private Map<Key, ServedCascade> served() {
		Map<Key, ServedCascade> served = new HashMap<>();
		for (CascadeStatus status : this.server.statuses()) {
			if (!status.serving()) {
				continue;
			}
			try {
				ServedCascade active = this.server.require(status.name(), null);
				served.put(new Key(active.name(), active.versionNumber()), active);
			}
			catch (RuntimeException ex) {
				// Stopped serving since the status was taken.
			}
			this.server.candidate(status.name())
				.ifPresent((candidate) -> served.put(new Key(candidate.name(), candidate.versionNumber()), candidate));
		}
		return served;
	}

	/** A cascade version. */
	private record Key(String cascade, int version) {

	}

	/** The answered inputs of a version, and those that reached each tier, at a time. */
	private record Sample(Instant at, long inputs, List<Long> tierInputs) {

	}

}
