package dev.tango.admin.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowMapper;

/**
 * Reads a {@link Job} from its row of {@code admin_jobs}: its parameters and result as
 * JSON, its times as instants, its progress; without curves.
 */
final class JobRowMapper implements RowMapper<Job> {

	private final JsonMapper json;

	JobRowMapper(JsonMapper json) {
		this.json = json;
	}

	@Override
	public Job mapRow(ResultSet rs, int row) throws SQLException {
		String result = rs.getString("result");
		long itemsTotal = rs.getLong("items_total");
		Long total = rs.wasNull() ? null : itemsTotal;
		return new Job(rs.getLong("id"), rs.getString("kind"), JobStatus.valueOf(rs.getString("status")),
				this.json.readTree(rs.getString("parameters")), instant(rs, "created_at"), rs.getString("created_by"),
				rs.getInt("attempt"), rs.getString("instance_id"), instant(rs, "started_at"),
				instant(rs, "heartbeat_at"), instant(rs, "finished_at"), rs.getBoolean("cancel_requested"),
				new Job.Progress(rs.getDouble("progress"), rs.getString("phase"), rs.getLong("items_done"), total,
						instant(rs, "eta_at")),
				(result != null) ? this.json.readTree(result) : null, rs.getString("error"), Map.of());
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return (value != null) ? value.toInstant() : null;
	}

}
