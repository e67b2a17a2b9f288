package dev.tango.models.serving;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The serving reports of the API instances, in the registry's database (table
 * {@code serving_reports}). An instance writes its own rows only, so writers never
 * contend. Thread-safe.
 */
public class ServingReports extends InstanceRows {

	/** How often an instance reports even if nothing changed. */
	public static final Duration HEARTBEAT = Duration.ofSeconds(15);

	/** After how long without a report an instance's rows count as stale. */
	public static final Duration STALE_AFTER = HEARTBEAT.multipliedBy(4);

	private static final String COLUMNS = "instance_id, cascade_name, active_version, served_version, state, message, updated_at";

	/**
	 * Returns whether a report written at a time counts as stale: older than
	 * {@link #STALE_AFTER}, its instance may have stopped or lost its database.
	 * @param updatedAt when the report was written
	 * @param now the present time
	 * @return {@code true} if stale
	 */
	public static boolean stale(Instant updatedAt, Instant now) {
		return Duration.between(updatedAt, now).compareTo(STALE_AFTER) > 0;
	}

	/**
	 * Creates the store.
	 * @param jdbc the registry's database; its query timeout bounds every call
	 */
	public ServingReports(JdbcTemplate jdbc) {
		super(jdbc, "serving_reports");
	}

	/**
	 * Writes a report, replacing the instance's earlier one for that cascade.
	 * @param report the report
	 * @throws DataAccessException if the database cannot be written
	 */
	public void save(ServingReport report) {
		OffsetDateTime at = report.updatedAt().atOffset(ZoneOffset.UTC);
		int updated = jdbc().update(
				"UPDATE serving_reports SET active_version = ?, served_version = ?, state = ?, message = ?, "
						+ "updated_at = ? WHERE instance_id = ? AND cascade_name = ?",
				report.activeVersion(), report.servedVersion(), report.state(), report.message(), at, report.instance(),
				report.cascade());
		if (updated == 0) {
			jdbc().update("INSERT INTO serving_reports (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
					report.instance(), report.cascade(), report.activeVersion(), report.servedVersion(), report.state(),
					report.message(), at);
		}
	}

	/**
	 * Deletes an instance's report on a cascade it no longer serves.
	 * @param instance the instance
	 * @param cascade the cascade's name
	 * @throws DataAccessException if the database cannot be written
	 */
	public void delete(String instance, String cascade) {
		jdbc().update("DELETE FROM serving_reports WHERE instance_id = ? AND cascade_name = ?", instance, cascade);
	}

	/**
	 * Returns the reports on one cascade, of every instance, stale ones included.
	 * @param cascade the cascade's name
	 * @return the reports, sorted by instance
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<ServingReport> list(String cascade) {
		return jdbc().query("SELECT " + COLUMNS + " FROM serving_reports WHERE cascade_name = ? ORDER BY instance_id",
				ServingReports::row, cascade);
	}

	private static ServingReport row(ResultSet rs, int index) throws SQLException {
		int served = rs.getInt("served_version");
		Integer servedVersion = rs.wasNull() ? null : served;
		return new ServingReport(rs.getString("instance_id"), rs.getString("cascade_name"), rs.getInt("active_version"),
				servedVersion, rs.getString("state"), rs.getString("message"),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
