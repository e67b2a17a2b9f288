package dev.tango.admin.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a running attempt knows of its job: who asked, how to report progress, and whether
 * to stop. Progress is kept monotone here as well as in the database; writes are
 * throttled to a few per second. Used by one handler thread; {@link #stop} may be called
 * from any thread.
 */
public final class JobContext {

	private static final Duration WRITE_INTERVAL = Duration.ofMillis(250);

	private final ClaimedJob job;

	private final Jobs jobs;

	private final JobCurves curves;

	private final Clock clock;

	private final Instant started;

	private volatile @Nullable StopReason stopReason;

	private double percent;

	private @Nullable String phase;

	private long itemsDone;

	private Instant lastWrite = Instant.MIN;

	private final Map<String, List<CurvePoint>> pendingPoints = new LinkedHashMap<>();

	JobContext(ClaimedJob job, Jobs jobs, JobCurves curves, Clock clock) {
		this.job = job;
		this.jobs = jobs;
		this.curves = curves;
		this.clock = clock;
		this.started = clock.instant();
	}

	/**
	 * Returns the job's identifier.
	 * @return the identifier
	 */
	public long jobId() {
		return this.job.id();
	}

	/**
	 * Returns who submitted the job, to record as the actor of what it changes.
	 * @return the user name
	 */
	public String actor() {
		return this.job.createdBy();
	}

	/**
	 * Returns the revision of the active version of the cascade the job may activate
	 * ({@link JobHandler#activates}), as its submission found it; its attempts share it.
	 * The job may change the active version only while it is still this revision: it must
	 * not undo an activation made since it was submitted. Revisions, not times, tell, so
	 * the clocks of the instances that submitted and activated do not matter.
	 * @return the revision,
	 * {@link dev.tango.models.registry.ActivationRequest#NONE_ACTIVE} if none was active,
	 * or {@code null} if the job noted none (its kind activates nothing, or it was queued
	 * before jobs noted it)
	 */
	public @Nullable Long activationBase() {
		return this.job.activationBase();
	}

	/**
	 * Returns the attempt's number.
	 * @return from 1
	 */
	public int attempt() {
		return this.job.attempt();
	}

	/**
	 * Reports progress and checks for cancellation. The overall percent never goes down:
	 * a lower value than reported before is recorded as the earlier one.
	 * @param phase what the job is doing
	 * @param percent the overall share done, in {@code [0, 100]}
	 * @param itemsDone items of this phase done
	 * @param itemsTotal items of this phase, or {@code null} if unknown
	 * @throws JobCancelledException if the job was cancelled or lost
	 */
	public void progress(String phase, double percent, long itemsDone, @Nullable Long itemsTotal) {
		progress(phase, percent, itemsDone, itemsTotal, null);
	}

	private void progress(String phase, double percent, long itemsDone, @Nullable Long itemsTotal,
			@Nullable Duration remaining) {
		checkCancelled();
		boolean newPhase = !Objects.equals(phase, this.phase);
		this.percent = Math.max(this.percent, Math.min(100, Math.max(0, percent)));
		this.itemsDone = newPhase ? itemsDone : Math.max(this.itemsDone, itemsDone);
		this.phase = phase;
		Instant now = this.clock.instant();
		if (!newPhase && Duration.between(this.lastWrite, now).compareTo(WRITE_INTERVAL) < 0
				&& (itemsTotal == null || itemsDone < itemsTotal)) {
			return;
		}
		this.lastWrite = now;
		flushPoints();
		Instant eta = (remaining != null) ? now.plus(remaining) : null;
		if (eta == null && this.percent > 0) {
			long elapsed = Duration.between(this.started, now).toMillis();
			eta = now.plusMillis((long) (elapsed * (100 - this.percent) / this.percent));
		}
		if (!this.jobs.progress(this.job, new Job.Progress(this.percent, phase, this.itemsDone, itemsTotal, eta))) {
			stop(StopReason.REFUSED);
			checkCancelled();
		}
	}

	/**
	 * Reports progress through a part of the job: {@code done} of {@code total} items of
	 * a phase that spans {@code from} to {@code to} percent of the whole.
	 * @param phase what the job is doing
	 * @param from the overall percent when the phase starts
	 * @param to the overall percent when it ends
	 * @param done items done
	 * @param total items in all, positive
	 * @throws JobCancelledException if the job was cancelled or lost
	 */
	public void progress(String phase, double from, double to, long done, long total) {
		double share = (total > 0) ? Math.min(1, (double) done / total) : 1;
		progress(phase, from + (to - from) * share, done, total);
	}

	/**
	 * Reports progress through a part of the job whose remaining time the job knows
	 * better than the share done tells (such as a training loop resumed from a
	 * checkpoint, whose earlier steps took no time in this attempt).
	 * @param phase what the job is doing
	 * @param from the overall percent when the phase starts
	 * @param to the overall percent when it ends
	 * @param done items done
	 * @param total items in all, positive
	 * @param remaining the time until the job ends
	 * @throws JobCancelledException if the job was cancelled or lost
	 */
	public void progress(String phase, double from, double to, long done, long total, Duration remaining) {
		double share = (total > 0) ? Math.min(1, (double) done / total) : 1;
		progress(phase, from + (to - from) * share, done, total, remaining);
	}

	/**
	 * Adds a point to one of the job's curves (see {@link JobCurves}). Points are kept
	 * here and written with the next progress write, by {@link #flushPoints()}, and when
	 * the attempt succeeds; a point with an {@code x} at or below one recorded before in
	 * this attempt starts the series again from there.
	 * @param series the curve's name: 1 to 64 letters and digits, starting with a letter
	 * @param x where along the curve, such as a step
	 * @param y the value; a point whose value is not finite is left out
	 * @throws IllegalArgumentException if the series' name is malformed
	 */
	public void point(String series, long x, double y) {
		if (!JobCurves.isSeriesName(series)) {
			throw new IllegalArgumentException("Invalid curve name '" + series + "'");
		}
		if (Double.isFinite(y)) {
			this.pendingPoints.computeIfAbsent(series, (name) -> new ArrayList<>()).add(new CurvePoint(x, y));
		}
	}

	/**
	 * Writes the points not written yet, now rather than with the next progress write. A
	 * job calls it when it has saved its work so far (a training checkpoint), so that an
	 * attempt resuming from there finds its curves whole up to that point.
	 */
	public void flushPoints() {
		if (!this.pendingPoints.isEmpty()) {
			this.curves.append(this.job, this.pendingPoints);
			this.pendingPoints.clear();
		}
	}

	/**
	 * Throws if the job should stop.
	 * @throws JobCancelledException if the job was cancelled, lost, or this instance is
	 * shutting down
	 */
	public void checkCancelled() {
		StopReason reason = this.stopReason;
		if (reason != null) {
			throw new JobCancelledException("Job " + this.job.id() + " stopped: " + reason.text);
		}
	}

	void stop(StopReason reason) {
		if (this.stopReason == null) {
			this.stopReason = reason;
		}
	}

	/** The phase last reported, or {@code null} before the first report. */
	@Nullable String phase() {
		return this.phase;
	}

	/** When this attempt started on this instance. */
	Instant started() {
		return this.started;
	}

	@Nullable StopReason stopReason() {
		return this.stopReason;
	}

	ClaimedJob job() {
		return this.job;
	}

	/** Why a running attempt stops before it ends. */
	enum StopReason {

		/**
		 * The database refused a progress write: cancelled, or no longer this instance's.
		 */
		REFUSED("cancelled, or no longer run by this instance"),

		/** The heartbeat found the attempt cancelled or lost. */
		HEARTBEAT("cancelled, or no longer run by this instance"),

		/** This instance is shutting down. */
		SHUTDOWN("the instance is shutting down"),

		/** The attempt ran longer than {@code tango.admin.jobs.max-run-time}. */
		TIME_LIMIT("it ran longer than tango.admin.jobs.max-run-time");

		private final String text;

		StopReason(String text) {
			this.text = text;
		}

	}

}
