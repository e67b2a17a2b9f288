package dev.tango.admin.job;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The queue's limits: at most {@link JobProperties#maxQueued()} jobs waiting in all, and
 * {@link JobProperties#maxQueuedPerUser()} of one user's. {@link #check} refuses a new
 * job when the queue is at a limit, without locking anything: a quick refusal before a
 * submission is checked. {@link #admit} decides: it holds the queue's admission lock (the
 * one row of {@code admin_job_admission}) until the caller's transaction ends, then
 * checks, so that submissions and restarts at the same time cannot together pass a limit.
 * Thread-safe.
 */
public class JobAdmission {

	private final JdbcClient jdbc;

	private final Limits limits;

	JobAdmission(JdbcClient jdbc, Limits limits) {
		this.jdbc = jdbc;
		this.limits = limits;
	}

	/**
	 * Refuses a job of a user if the queue is at one of its limits now.
	 * @param owner the user whose job it is
	 * @throws JobQueueLimitException if the user has as many jobs queued as one user may,
	 * or the queue as many as it may
	 */
	public void check(String owner) {
		int[] counts = this.jdbc
			.sql("SELECT COUNT(*) AS waiting, SUM(CASE WHEN created_by = ? THEN 1 ELSE 0 END) AS owners "
					+ "FROM admin_jobs WHERE status = ?")
			.params(owner, JobStatus.QUEUED.name())
			.query((rs, row) -> new int[] { rs.getInt("waiting"), rs.getInt("owners") })
			.single();
		int waiting = counts[0];
		int waitingForOwner = counts[1];
		if (waitingForOwner >= this.limits.maxQueuedPerUser()) {
			throw JobQueueLimitException.userFull(owner, waitingForOwner, this.limits.maxQueuedPerUser());
		}
		if (waiting >= this.limits.maxQueued()) {
			throw JobQueueLimitException.queueFull(waiting, this.limits.maxQueued());
		}
	}

	/**
	 * Takes the queue's admission lock until the caller's transaction ends, then refuses
	 * a job of a user if the queue is at one of its limits. Called in a transaction, just
	 * before the job is queued.
	 * @param owner the user whose job it is
	 * @throws JobQueueLimitException if the queue is at one of its limits
	 */
	void admit(String owner) {
		this.jdbc.sql("SELECT id FROM admin_job_admission WHERE id = 1 FOR UPDATE").query(Integer.class).single();
		check(owner);
	}

	/**
	 * How many jobs may wait.
	 *
	 * @param maxQueued in all, positive
	 * @param maxQueuedPerUser of one user's, positive
	 */
	public record Limits(int maxQueued, int maxQueuedPerUser) {

		/**
		 * Reads the limits of the settings.
		 * @param properties the settings
		 * @return their limits
		 */
		public static Limits of(JobProperties properties) {
			return new Limits(properties.maxQueued(), properties.maxQueuedPerUser());
		}

	}

}
