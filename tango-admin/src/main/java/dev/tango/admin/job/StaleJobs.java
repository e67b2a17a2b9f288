package dev.tango.admin.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fails the running jobs whose instance stopped sending heartbeats (it died, or lost the
 * database), so that they can be restarted; every worker sweeps for them.
 */
public class StaleJobs {

	private static final Logger logger = LoggerFactory.getLogger(StaleJobs.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	/**
	 * Creates the sweep.
	 * @param jdbc the database of the queue
	 * @param clock the time heartbeats are compared with
	 */
	public StaleJobs(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = JdbcClient.create(jdbc);
		this.clock = clock;
	}

	/**
	 * Ends every running job whose heartbeat is older than a limit: its instance died or
	 * lost the database. A job someone asked to cancel is cancelled, as it would have
	 * been; any other fails, and can be restarted.
	 * @param staleAfter the limit
	 * @return the jobs ended
	 */
	public List<Long> fail(Duration staleAfter) {
		Instant now = this.clock.instant();
		Timestamp cutoff = Timestamp.from(now.minus(staleAfter));
		List<Object[]> stale = this.jdbc
			.sql("SELECT id, instance_id, heartbeat_at, cancel_requested FROM admin_jobs WHERE status = 'RUNNING' "
					+ "AND heartbeat_at < ? ORDER BY id")
			.param(cutoff)
			.query((rs,
					row) -> new Object[] { rs.getLong("id"), rs.getString("instance_id"),
							rs.getTimestamp("heartbeat_at").toInstant(), rs.getBoolean("cancel_requested") })
			.list();
		List<Long> ended = new ArrayList<>();
		for (Object[] job : stale) {
			boolean cancelled = (Boolean) job[3];
			String error = "Instance " + job[1] + " stopped sending heartbeats (the last at " + job[2] + ")"
					+ (cancelled ? ", after it was asked to cancel the job" : "; restart the job to run it again");
			int updated = this.jdbc
				.sql("UPDATE admin_jobs SET status = ?, finished_at = ?, error = ? WHERE id = ? "
						+ "AND status = 'RUNNING' AND heartbeat_at < ?")
				.params(cancelled ? JobStatus.CANCELLED.name() : JobStatus.FAILED.name(), Timestamp.from(now), error,
						job[0], cutoff)
				.update();
			if (updated == 1) {
				ended.add((Long) job[0]);
				logger.warn("Job {} {}: instance {} stopped sending heartbeats", job[0],
						cancelled ? "cancelled" : "failed", job[1]);
			}
		}
		return ended;
	}

}
