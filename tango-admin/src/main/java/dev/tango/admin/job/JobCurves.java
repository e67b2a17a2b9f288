package dev.tango.admin.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The curves jobs draw while they run ({@code admin_job_points}): named series of
 * {@link CurvePoint points}, kept with the job. An attempt's points replace those an
 * earlier attempt left from the same {@code x} on, so that an attempt resuming from a
 * checkpoint redraws the curve from there; writes are fenced by attempt and instance as
 * progress is. Thread-safe.
 */
public class JobCurves {

	private static final Pattern SERIES = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	/**
	 * Creates the store.
	 * @param jdbc the database
	 * @param transactions the transactions of that database
	 */
	public JobCurves(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		this.jdbc = JdbcClient.create(jdbc);
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * Returns whether a name can name a series.
	 * @param series the name
	 * @return {@code true} for 1 to 64 letters and digits, starting with a letter
	 */
	static boolean isSeriesName(String series) {
		return SERIES.matcher(series).matches();
	}

	/**
	 * Records points of a running attempt, replacing what an earlier attempt recorded in
	 * each series from the first new point's {@code x} on.
	 * @param job the attempt
	 * @param points the new points by series, each in increasing {@code x}
	 * @return {@code true} if recorded; {@code false} if the attempt is no longer this
	 * instance's, or not running
	 */
	public boolean append(ClaimedJob job, Map<String, List<CurvePoint>> points) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			boolean running = !this.jdbc
				.sql("SELECT id FROM admin_jobs WHERE id = ? AND attempt = ? AND instance_id = ? "
						+ "AND status = 'RUNNING' FOR UPDATE")
				.params(job.id(), job.attempt(), job.instanceId())
				.query(Long.class)
				.list()
				.isEmpty();
			if (!running) {
				return false;
			}
			points.forEach((series, list) -> {
				if (list.isEmpty()) {
					return;
				}
				this.jdbc.sql("DELETE FROM admin_job_points WHERE job_id = ? AND series = ? AND x >= ?")
					.params(job.id(), series, list.get(0).x())
					.update();
				for (CurvePoint point : list) {
					this.jdbc.sql("INSERT INTO admin_job_points (job_id, series, x, y) VALUES (?, ?, ?, ?)")
						.params(job.id(), series, point.x(), point.y())
						.update();
				}
			});
			return true;
		}));
	}

	/**
	 * Returns the curves of a job.
	 * @param jobId the job
	 * @return its points by series (in name order), each in increasing {@code x}; empty
	 * if it drew none
	 */
	public Map<String, List<CurvePoint>> of(long jobId) {
		Map<String, List<CurvePoint>> curves = new LinkedHashMap<>();
		this.jdbc.sql("SELECT series, x, y FROM admin_job_points WHERE job_id = ? ORDER BY series, x")
			.param(jobId)
			.query((rs) -> {
				curves.computeIfAbsent(rs.getString("series"), (series) -> new ArrayList<>())
					.add(new CurvePoint(rs.getLong("x"), rs.getDouble("y")));
			});
		return curves;
	}

	/**
	 * Returns a job with its curves.
	 * @param job the job as {@link Jobs} read it
	 * @return the same job with its curves
	 */
	public Job withCurves(Job job) {
		return job.withCurves(of(job.id()));
	}

}
