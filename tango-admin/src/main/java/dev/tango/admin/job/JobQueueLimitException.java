package dev.tango.admin.job;

import java.time.Duration;

/**
 * Thrown when a job is submitted while the queue is at one of its limits: as many jobs
 * wait as may in all ({@link JobProperties#maxQueued()}), or as many of the submitting
 * user's as one user may have waiting ({@link JobProperties#maxQueuedPerUser()}), when a
 * job is submitted or restarted ({@link JobAdmission}). Nothing was queued; the client
 * should try again once some have started, or cancel some.
 */
public class JobQueueLimitException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** When a client may try again: about when a queued job has started. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	private final Limit limit;

	private JobQueueLimitException(Limit limit, String message) {
		super(message);
		this.limit = limit;
	}

	/**
	 * The queue holds as many jobs as it may, of every user.
	 * @param queued the jobs queued
	 * @param limit the most that may be
	 * @return the exception
	 */
	public static JobQueueLimitException queueFull(int queued, int limit) {
		return new JobQueueLimitException(Limit.QUEUE, "The job queue is full (" + queued + " jobs waiting, at most "
				+ limit + "): try again once some have run, or cancel some");
	}

	/**
	 * The user whose job it is has as many jobs queued as one user may.
	 * @param owner the user
	 * @param queued the user's jobs queued
	 * @param limit the most one user may have queued
	 * @return the exception
	 */
	public static JobQueueLimitException userFull(String owner, int queued, int limit) {
		return new JobQueueLimitException(Limit.USER, "User " + owner + " has " + queued + " jobs waiting, at most "
				+ limit + " per user: try again once some have run, or cancel some");
	}

	/**
	 * Returns which limit was reached.
	 * @return the limit
	 */
	public Limit limit() {
		return this.limit;
	}

	/** The queue's limits. */
	public enum Limit {

		/** The jobs waiting, of every user. */
		QUEUE,

		/** The jobs of one user waiting. */
		USER

	}

}
