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
	 * Fails every running job whose heartbeat is older than a limit: its instance died or
	 * lost the database. Such a job can be restarted.
	 * @param staleAfter the limit
	 * @return the jobs failed
	 */
	public List<Long> fail(Duration staleAfter) {
		Instant now = this.clock.instant();
		Timestamp cutoff = Timestamp.from(now.minus(staleAfter));
		List<Object[]> stale = this.jdbc
			.sql("SELECT id, instance_id, heartbeat_at FROM admin_jobs WHERE status = 'RUNNING' AND heartbeat_at < ? "
					+ "ORDER BY id")
			.param(cutoff)
			.query((rs,
					row) -> new Object[] { rs.getLong("id"), rs.getString("instance_id"),
							rs.getTimestamp("heartbeat_at").toInstant() })
			.list();
		List<Long> failed = new ArrayList<>();
		for (Object[] job : stale) {
			String error = "Instance " + job[1] + " stopped sending heartbeats (the last at " + job[2]
					+ "); restart the job to run it again";
			int updated = this.jdbc
				.sql("UPDATE admin_jobs SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ? "
						+ "AND status = 'RUNNING' AND heartbeat_at < ?")
				.params(Timestamp.from(now), error, job[0], cutoff)
				.update();
			if (updated == 1) {
				failed.add((Long) job[0]);
				logger.warn("Job {} failed: instance {} stopped sending heartbeats", job[0], job[1]);
			}
		}
		return failed;
	}

}
