package dev.tango.admin.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The job queue's meters, for alerting on a queue that grows or stalls and on jobs that
 * fail:
 * <ul>
 * <li>{@code tango.admin.jobs} (gauge, tag {@code status}: {@code queued} or
 * {@code running}): the jobs in that state on all the instances sharing the
 * database;</li>
 * <li>{@code tango.admin.jobs.oldest.queued} (gauge, seconds): how long the oldest queued
 * job has waited, 0 when none waits;</li>
 * <li>{@code tango.admin.jobs.attempts} (timer, tags {@code kind} and {@code outcome}):
 * the attempts this instance ran and how long each took, by how they ended
 * ({@link Outcome});</li>
 * <li>{@code tango.admin.jobs.folders.removed} (counter): working folders removed by the
 * retention sweep.</li>
 * </ul>
 * The gauges read the queue's table at most once per {@value #REFRESH_SECONDS} seconds,
 * however often they are scraped. Thread-safe.
 */
public class JobMetrics {

	/** Seconds a reading of the queue's table is reused. */
	static final int REFRESH_SECONDS = 5;

	private final MeterRegistry registry;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Counter foldersRemoved;

	private volatile LiveCounts counts = new LiveCounts(0, 0, null);

	private volatile Instant readAt = Instant.MIN;

	/**
	 * Registers the meters.
	 * @param registry where
	 * @param jdbc the database of the queue the gauges read
	 * @param clock the time the gauges' age is measured with
	 */
	public JobMetrics(MeterRegistry registry, JdbcTemplate jdbc, Clock clock) {
		this.registry = registry;
		this.jdbc = JdbcClient.create(jdbc);
		this.clock = clock;
		Gauge.builder("tango.admin.jobs", this, (metrics) -> metrics.counts().queued())
			.tag("status", "queued")
			.description("Jobs waiting to run, on all the instances")
			.register(registry);
		Gauge.builder("tango.admin.jobs", this, (metrics) -> metrics.counts().running())
			.tag("status", "running")
			.description("Jobs running, on all the instances")
			.register(registry);
		Gauge.builder("tango.admin.jobs.oldest.queued", this, JobMetrics::oldestQueuedSeconds)
			.baseUnit("seconds")
			.description("How long the oldest queued job has waited; 0 when none waits")
			.register(registry);
		this.foldersRemoved = Counter.builder("tango.admin.jobs.folders.removed")
			.description("Working folders of ended jobs removed by the retention sweep")
			.register(registry);
	}

	/**
	 * Records an attempt this instance ran.
	 * @param kind the job's kind
	 * @param outcome how it ended
	 * @param took how long it ran
	 */
	public void attempt(String kind, Outcome outcome, Duration took) {
		Timer.builder("tango.admin.jobs.attempts")
			.tag("kind", kind)
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.description("Attempts of jobs run by this instance, by how they ended")
			.register(this.registry)
			.record(took);
	}

	/**
	 * Records working folders removed by the retention sweep.
	 * @param count how many
	 */
	public void foldersRemoved(int count) {
		this.foldersRemoved.increment(count);
	}

	private double oldestQueuedSeconds() {
		Instant oldest = counts().oldestQueuedAt();
		return (oldest != null) ? Math.max(0, Duration.between(oldest, this.clock.instant()).toMillis() / 1000.0) : 0;
	}

	private LiveCounts counts() {
		Instant now = this.clock.instant();
		if (Duration.between(this.readAt, now).getSeconds() >= REFRESH_SECONDS) {
			this.counts = liveCounts();
			this.readAt = now;
		}
		return this.counts;
	}

	/** How many jobs wait and run, and since when the oldest queued one waits. */
	private LiveCounts liveCounts() {
		return this.jdbc
			.sql("SELECT SUM(CASE WHEN status = 'QUEUED' THEN 1 ELSE 0 END) AS queued, "
					+ "SUM(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END) AS running, "
					+ "MIN(CASE WHEN status = 'QUEUED' THEN created_at END) AS oldest FROM admin_jobs "
					+ "WHERE status IN ('QUEUED', 'RUNNING')")
			.query((rs, row) -> new LiveCounts(rs.getInt("queued"), rs.getInt("running"),
					(rs.getTimestamp("oldest") != null) ? rs.getTimestamp("oldest").toInstant() : null))
			.single();
	}

	/**
	 * How many jobs wait and run, on all the instances.
	 *
	 * @param queued the jobs waiting
	 * @param running the jobs running
	 * @param oldestQueuedAt when the oldest waiting job was submitted, or {@code null} if
	 * none waits
	 */
	private record LiveCounts(int queued, int running, @Nullable Instant oldestQueuedAt) {
	}

	/** How an attempt ended. */
	public enum Outcome {

		/** It returned its result. */
		SUCCEEDED,

		/** It failed. */
		FAILED,

		/** It was cancelled. */
		CANCELLED,

		/** It ran longer than {@code tango.admin.jobs.max-run-time}. */
		TIME_LIMIT,

		/** Its instance shut down. */
		SHUTDOWN,

		/** Another instance took it over, or it was failed as stale meanwhile. */
		LOST

	}

}
