package dev.tango.api.release;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import dev.tango.api.serving.CascadeServer;
import dev.tango.api.serving.ServingReporter;
import dev.tango.models.changes.RegistryChanges;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseReport;
import dev.tango.models.release.ReleaseReports;
import dev.tango.models.release.ReleaseRole;

/**
 * Follows the registry's running release plans, every
 * {@code tango.api.release.poll-interval} (1 s by default) and at once when the registry
 * announces a plan's change (PostgreSQL NOTIFY, heard by {@link RegistryChanges}), on one
 * background thread: keeps each plan's candidate version loaded and warmed up by the
 * {@link CascadeServer}, hands the plans to the {@link ReleaseRouter}, writes what this
 * instance measured to the registry ({@code release_reports}), and aborts a plan whose
 * candidate left its bounds here (the abort, with the measured reason, is in the release
 * audit under this instance's name), or whose candidate failed to load here, which leaves
 * the plan nothing to measure. While the registry cannot be read, the plans last read go
 * on being followed. Thread-safe.
 */
@Component
public class ReleaseFollower implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ReleaseFollower.class);

	/**
	 * The loads of a candidate that must fail in a row before its plan is aborted: one
	 * retry, {@code tango.api.load-retry-interval} after the first, so that a passing
	 * failure (an artifact store that did not answer) does not end the plan.
	 */
	static final int LOAD_ATTEMPTS = 2;

	private final ReleasePlans plans;

	private final ReleaseReports reports;

	private final ReleaseRouter router;

	private final CascadeServer server;

	private final ServingReporter reporter;

	private final ObjectFactory<RegistryChanges> changes;

	private final Duration interval;

	private RegistryChanges.@Nullable Subscription subscription;

	private @Nullable ScheduledExecutorService worker;

	private volatile boolean readFailing;

	/**
	 * Creates the follower.
	 * @param plans the registry's plans
	 * @param reports where this instance's measurements go
	 * @param router the request path's view of the plans
	 * @param server loads the candidates
	 * @param reporter names this instance
	 * @param changes announces the plans' changes
	 * @param properties how often the plans are read without an announcement
	 */
	public ReleaseFollower(ReleasePlans plans, ReleaseReports reports, ReleaseRouter router, CascadeServer server,
			ServingReporter reporter, ObjectFactory<RegistryChanges> changes, ReleaseProperties properties) {
		this.plans = plans;
		this.reports = reports;
		this.router = router;
		this.server = server;
		this.reporter = reporter;
		this.changes = changes;
		this.interval = properties.pollInterval();
	}

	@Override
	public synchronized void start() {
		if (this.worker != null) {
			return;
		}
		this.router.start();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("tango-release-follower").daemon(true).factory());
		scheduler.scheduleWithFixedDelay(this::tick, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.worker = scheduler;
		this.subscription = this.changes.getObject().onReleasePlanChange((cascade) -> announced(scheduler));
	}

	private void announced(ScheduledExecutorService scheduler) {
		try {
			scheduler.execute(this::tick);
		}
		catch (RejectedExecutionException ex) {
			// Stopping: nothing to follow any more.
		}
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService scheduler = this.worker;
		this.worker = null;
		RegistryChanges.Subscription listening = this.subscription;
		this.subscription = null;
		if (listening != null) {
			listening.close();
		}
		if (scheduler != null) {
			scheduler.shutdownNow();
		}
		this.router.stop();
	}

	@Override
	public synchronized boolean isRunning() {
		return this.worker != null;
	}

	/** Reads the plans, follows them, reports and judges; never throws. */
	void tick() {
		try {
			List<ReleasePlan> running = readPlans();
			Map<String, FollowedPlan> previous = this.router.followed();
			if (running != null) {
				this.router.follow(follow(running, previous));
			}
			List<FollowedPlan> reported = new ArrayList<>(previous.values());
			this.router.followed().values().stream().filter((plan) -> !reported.contains(plan)).forEach(reported::add);
			report(reported);
			judge(this.router.followed().values());
		}
		catch (RuntimeException ex) {
			logger.warn("Following the release plans failed; trying again in {}: {}", this.interval, ex.toString());
		}
	}

	private @Nullable List<ReleasePlan> readPlans() {
		try {
			List<ReleasePlan> running = this.plans.running();
			if (this.readFailing) {
				logger.info("The release plans can be read again");
				this.readFailing = false;
			}
			return running;
		}
		catch (RuntimeException ex) {
			if (!this.readFailing) {
				logger.warn("Cannot read the release plans; following those last read: {}", ex.toString());
				this.readFailing = true;
			}
			return null;
		}
	}

	private Map<String, FollowedPlan> follow(List<ReleasePlan> running, Map<String, FollowedPlan> previous) {
		Map<String, FollowedPlan> next = new HashMap<>();
		for (ReleasePlan plan : running) {
			FollowedPlan followed = previous.get(plan.cascade());
			if (followed == null || followed.plan.id() != plan.id()) {
				if (followed != null) {
					this.router.meters().ended(followed);
				}
				followed = new FollowedPlan(plan, this.router.meters());
				logger.info("Following release plan {} of cascade {}: {} of version {} at share {}", plan.id(),
						plan.cascade(), plan.mode(), plan.candidateVersion(), plan.share());
			}
			next.put(plan.cascade(), followed);
			this.server.follow(plan.cascade(), plan.candidateVersion());
		}
		previous.forEach((cascade, followed) -> {
			if (!next.containsKey(cascade)) {
				logger.info("Release plan {} of cascade {} ended", followed.plan.id(), cascade);
				this.router.meters().ended(followed);
				this.server.follow(cascade, 0);
			}
		});
		return next;
	}

	private void report(List<FollowedPlan> followed) {
		Instant now = Instant.now();
		String instance = this.reporter.instance();
		for (FollowedPlan plan : followed) {
			for (VersionStats stats : plan.allStats()) {
				this.reports.save(stats.report(instance, plan.plan.id(), now));
			}
		}
	}

	private @Nullable String totalBreach(ReleasePlan plan) {
		List<ReleaseReport> totals;
		try {
			totals = this.reports.totals(plan.id());
		}
		catch (DataAccessException ex) {
			return null;
		}
		return totals.stream()
			.filter((total) -> total.role() == ReleaseRole.CANDIDATE)
			.map((total) -> total.breach(plan.bounds()))
			.filter(Objects::nonNull)
			.map((reason) -> reason + ", summed over all instances")
			.findFirst()
			.orElse(null);
	}

	/**
	 * Aborts the plans whose candidate failed to load here (there is nothing to measure)
	 * on {@value #LOAD_ATTEMPTS} attempts in a row, the latest while this instance
	 * followed the plan, or whose candidate left their bounds: by this instance's counts,
	 * or by the sum of every instance's reports in the registry (this one's included,
	 * written just before), so that a canary spread thin over many instances is judged on
	 * all its traffic.
	 */
	private void judge(Iterable<FollowedPlan> followed) {
		for (FollowedPlan plan : followed) {
			String reason = this.server.candidateFailure(plan.plan.cascade(), plan.plan.candidateVersion())
				.filter((failure) -> failure.attempts() >= LOAD_ATTEMPTS && failure.last().at().isAfter(plan.since))
				.map((failure) -> "automatic abort: " + failure.last().message() + " (" + failure.attempts()
						+ " attempts in a row on this instance)")
				.orElseGet(() -> breach(plan));
			if (reason != null && this.plans.abortIfRunning(plan.plan.id(), this.reporter.instance(), reason)) {
				logger.warn("Aborted release plan {} of cascade {} (candidate version {}): {}", plan.plan.id(),
						plan.plan.cascade(), plan.plan.candidateVersion(), reason);
			}
		}
	}

	/** Why a plan's candidate left its bounds, here or summed over all instances. */
	private @Nullable String breach(FollowedPlan plan) {
		VersionStats candidate = plan.candidateStats();
		String breach = (candidate != null) ? candidate.breach(plan.plan.bounds()) : null;
		if (breach == null) {
			breach = totalBreach(plan.plan);
		}
		return (breach != null) ? "automatic abort: the candidate's " + breach : null;
	}

}
