package dev.tango.admin.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

	private final Clock clock;

	private final Instant started;

	private volatile @Nullable StopReason stopReason;

	private double percent;

	private @Nullable String phase;

	private long itemsDone;

	private Instant lastWrite = Instant.MIN;

	JobContext(ClaimedJob job, Jobs jobs, Clock clock) {
		this.job = job;
		this.jobs = jobs;
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
		Instant eta = null;
		if (this.percent > 0) {
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
		SHUTDOWN("the instance is shutting down");

		private final String text;

		StopReason(String text) {
			this.text = text;
		}

	}

}
