package dev.tango.admin.job;

import java.time.Duration;

/**
 * Thrown when a job is submitted while the queue holds as many jobs as it may
 * ({@link JobProperties#maxQueued()}); the client should try again later.
 */
public class JobQueueFullException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** When a client may try again: about when a queued job has started. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

	/**
	 * Creates the exception.
	 * @param queued the jobs queued
	 * @param limit the most that may be
	 */
	public JobQueueFullException(int queued, int limit) {
		super("The job queue is full (" + queued + " jobs waiting, at most " + limit
				+ "): try again once some have run, or cancel some");
	}

}
