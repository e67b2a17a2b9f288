package dev.tango.api.serving;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import dev.tango.api.ApiProperties;
import dev.tango.models.serving.ServingReport;
import dev.tango.models.serving.ServingReports;
import dev.tango.web.ServiceInstance;

/**
 * Records in the registry how this instance serves each active cascade, so that the admin
 * can show it: a row per cascade, written within a second of any change of
 * {@link CascadeStatus} (state, active or served version, failure) and every
 * {@link ServingReports#HEARTBEAT} even without one; deleted when the cascade is no
 * longer active here and, best effort, when the service stops. With each heartbeat it
 * also deletes the reports of any instance not renewed for the configured retention
 * ({@code tango.api.serving-reports.retention}): those of instances that were killed.
 * After the serving reports, each turn runs the {@link PeriodicReport} beans (such as the
 * drift watch's), so that one thread writes all this instance reports.
 *
 * <p>
 * Best effort on its own thread: while the database cannot be written, serving goes on
 * untouched; the first failure is logged once, and every second the reports not yet
 * written are tried again.
 *
 * <p>
 * Thread-safe.
 */
@Component
public class ServingReporter implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ServingReporter.class);

	private static final long CHECK_MILLIS = 1000;

	private final CascadeServer server;

	private final ServingReports reports;

	private final String instance;

	private final Clock clock;

	private final Duration retention;

	private final ObjectProvider<PeriodicReport> periodic;

	/**
	 * What the database holds for this instance, as far as known; reporter thread only.
	 */
	private final Map<String, ServingReport> written = new HashMap<>();

	private @Nullable Instant lastHeartbeat;

	private final RegistryOutageLog outage = new RegistryOutageLog(ServingReporter.class,
			"Cannot record this instance's serving reports in the registry; serving goes on, trying again every second",
			"Serving reports are recorded in the registry again");

	private volatile @Nullable ScheduledExecutorService worker;

	/**
	 * Creates the reporter.
	 * @param server the served cascades
	 * @param reports where the reports go
	 * @param properties the service's settings, for how long reports are kept
	 * @param periodic the other reports written on this reporter's thread
	 */
	public ServingReporter(CascadeServer server, ServingReports reports, ApiProperties properties,
			ObjectProvider<PeriodicReport> periodic) {
		this.periodic = periodic;
		this.server = server;
		this.reports = reports;
		this.retention = properties.servingReports().retention();
		this.instance = defaultInstance();
		this.clock = Clock.systemUTC();
	}

	/**
	 * Returns this process's identity: its host name and process id.
	 * @return {@code host:pid}
	 */
	static String defaultInstance() {
		return ServiceInstance.hostName() + ":" + ServiceInstance.processId();
	}

	/**
	 * Returns the identity under which this instance reports.
	 * @return the instance
	 */
	public String instance() {
		return this.instance;
	}

	@Override
	public synchronized void start() {
		if (this.worker != null) {
			return;
		}
		ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("tango-serving-reporter").daemon(true).factory());
		started.scheduleWithFixedDelay(this::report, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
		this.worker = started;
	}

	/**
	 * Stops reporting and deletes this instance's reports, waiting at most a second for
	 * the database.
	 */
	@Override
	public synchronized void stop() {
		ScheduledExecutorService stopping = this.worker;
		if (stopping == null) {
			return;
		}
		this.worker = null;
		stopping.execute(this::withdraw);
		stopping.shutdown();
		try {
			if (!stopping.awaitTermination(1, TimeUnit.SECONDS)) {
				stopping.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			stopping.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker != null;
	}

	/**
	 * Writes the reports that changed, or all of them when a heartbeat is due, and
	 * deletes those of cascades no longer active here. Never throws.
	 */
	void report() {
		try {
			Instant now = this.clock.instant();
			boolean heartbeat = this.lastHeartbeat == null
					|| !now.isBefore(this.lastHeartbeat.plus(ServingReports.HEARTBEAT));
			Set<String> active = new HashSet<>();
			for (CascadeStatus status : this.server.statuses()) {
				active.add(status.name());
				ServingReport report = toReport(status, now);
				ServingReport previous = this.written.get(status.name());
				if (heartbeat || previous == null || !previous.at(now).equals(report)) {
					this.reports.save(report);
					this.written.put(status.name(), report);
				}
			}
			for (String gone : Set.copyOf(this.written.keySet())) {
				if (!active.contains(gone)) {
					this.reports.delete(this.instance, gone);
					this.written.remove(gone);
				}
			}
			if (heartbeat) {
				this.reports.expire(now.minus(this.retention));
				this.lastHeartbeat = now;
			}
			this.outage.succeeded();
		}
		catch (RuntimeException ex) {
			this.outage.failed(ex);
		}
		Instant now = this.clock.instant();
		periodic((report) -> report.report(now, this.instance));
	}

	private void withdraw() {
		// Started again, everything is written anew.
		this.written.clear();
		this.lastHeartbeat = null;
		try {
			this.reports.deleteAll(this.instance);
		}
		catch (RuntimeException ex) {
			logger.info("Could not delete this instance's serving reports as it stops; they will show as stale: {}",
					ex.toString());
		}
		periodic((report) -> report.withdraw(this.instance));
	}

	/**
	 * Runs a call on each {@link PeriodicReport}, guarded: they handle their own
	 * failures, and one that throws all the same does not stop the others or this
	 * reporter.
	 */
	private void periodic(Consumer<PeriodicReport> call) {
		this.periodic.orderedStream().forEach((report) -> {
			try {
				call.accept(report);
			}
			catch (RuntimeException ex) {
				logger.debug("{} failed: {}", report.getClass().getSimpleName(), ex.toString());
			}
		});
	}

	private ServingReport toReport(CascadeStatus status, Instant now) {
		LoadFailure failure = status.lastFailure();
		String message = (failure != null && failure.version() == status.activeVersion()) ? failure.message() : null;
		return new ServingReport(this.instance, status.name(), status.activeVersion(), status.servedVersion(),
				status.state().name(), message, now);
	}

}
