package dev.tango.models.drift;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.tango.core.drift.DriftStatus;
import dev.tango.models.serving.InstanceRows;

/**
 * The drift reports of the API instances, in the registry's database (table
 * {@code drift_reports}). An instance writes its own rows only, so writers never contend.
 * Thread-safe.
 */
public class DriftReports extends InstanceRows {

	private static final String KEY = "instance_id = ? AND cascade_name = ? AND cascade_version = ? AND stream = ? "
			+ "AND tier_index = ? AND label = ?";

	private static final String VALUES = "reference_rate = ?, live_rate = ?, observations = ?, statistic = ?, "
			+ "threshold = ?, alarm = ?, direction = ?, updated_at = ?";

	/**
	 * Creates the store.
	 * @param jdbc the registry's database; its query timeout bounds every call
	 */
	public DriftReports(JdbcTemplate jdbc) {
		super(jdbc, "drift_reports");
	}

	/**
	 * Writes where the watched streams of a cascade version stand on an instance,
	 * replacing what it wrote before for them.
	 * @param instance the instance
	 * @param cascade the cascade's name
	 * @param version the cascade version
	 * @param statuses the streams' statuses
	 * @param at when they were taken
	 * @throws DataAccessException if the database cannot be written
	 */
	public void save(String instance, String cascade, int version, List<DriftStatus> statuses, Instant at) {
		OffsetDateTime time = at.atOffset(ZoneOffset.UTC);
		List<Object[]> updates = new ArrayList<>(statuses.size());
		for (DriftStatus status : statuses) {
			updates.add(new Object[] { status.reference(), live(status), status.observations(), status.statistic(),
					status.threshold(), status.alarm(), status.direction().name(), time, instance, cascade, version,
					status.kind().name(), status.tier(), label(status) });
		}
		int[] updated = jdbc().batchUpdate("UPDATE drift_reports SET " + VALUES + " WHERE " + KEY, updates);
		List<Object[]> inserts = new ArrayList<>();
		for (int i = 0; i < updated.length; i++) {
			if (updated[i] == 0) {
				Object[] row = updates.get(i);
				Object[] insert = new Object[row.length];
				System.arraycopy(row, 8, insert, 0, 6);
				System.arraycopy(row, 0, insert, 6, 8);
				inserts.add(insert);
			}
		}
		if (!inserts.isEmpty()) {
			jdbc().batchUpdate("INSERT INTO drift_reports (instance_id, cascade_name, cascade_version, stream, "
					+ "tier_index, label, reference_rate, live_rate, observations, statistic, threshold, alarm, "
					+ "direction, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
		}
	}

	/**
	 * Deletes an instance's reports on a cascade version it no longer serves.
	 * @param instance the instance
	 * @param cascade the cascade's name
	 * @param version the cascade version
	 * @throws DataAccessException if the database cannot be written
	 */
	public void delete(String instance, String cascade, int version) {
		jdbc().update("DELETE FROM drift_reports WHERE instance_id = ? AND cascade_name = ? AND cascade_version = ?",
				instance, cascade, version);
	}

	/**
	 * Returns the reports on a cascade, of every instance and version: by version (newest
	 * first), instance, stream kind, tier and label.
	 * @param cascade the cascade's name
	 * @return the reports
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<DriftReport> find(String cascade) {
		return jdbc().query(
				"SELECT * FROM drift_reports WHERE cascade_name = ? "
						+ "ORDER BY cascade_version DESC, instance_id, stream, tier_index, label",
				DriftReports::report, cascade);
	}

	private static DriftReport report(ResultSet rs, int row) throws SQLException {
		double live = rs.getDouble("live_rate");
		boolean noLive = rs.wasNull();
		String label = rs.getString("label");
		DriftStatus.Kind kind = DriftStatus.Kind.valueOf(rs.getString("stream"));
		DriftStatus status = new DriftStatus(kind, rs.getInt("tier_index"),
				(kind == DriftStatus.Kind.LABEL_SHARE) ? label : null, rs.getDouble("reference_rate"),
				noLive ? Double.NaN : live, rs.getLong("observations"), rs.getDouble("statistic"),
				rs.getDouble("threshold"), rs.getBoolean("alarm"),
				DriftStatus.Direction.valueOf(rs.getString("direction")));
		return new DriftReport(rs.getString("instance_id"), rs.getString("cascade_name"), rs.getInt("cascade_version"),
				status, rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static @Nullable Double live(DriftStatus status) {
		return Double.isNaN(status.live()) ? null : status.live();
	}

	private static String label(DriftStatus status) {
		return (status.label() != null) ? status.label() : "";
	}

}
