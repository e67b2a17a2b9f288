package dev.tango.models.serving;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The traffic reports of the API instances, in the registry's database (table
 * {@code serving_traffic}): a row per instance and cascade version it serves. An instance
 * writes its own rows only, so writers never contend. Thread-safe.
 */
public class ServingTraffic extends InstanceRows {

	private static final String COLUMNS = "instance_id, cascade_name, cascade_version, requests, failures, refusals, "
			+ "inputs, tier_inputs, inputs_per_second, window_inputs, window_tier_inputs, window_seconds, latency_p50_ms, latency_p95_ms, latency_p99_ms, updated_at";

	/**
	 * Creates the store.
	 * @param jdbc the registry's database; its query timeout bounds every call
	 */
	public ServingTraffic(JdbcTemplate jdbc) {
		super(jdbc, "serving_traffic");
	}

	/**
	 * Writes a report, replacing the instance's earlier one for that version.
	 * @param traffic the report
	 * @throws DataAccessException if the database cannot be written
	 */
	public void save(VersionTraffic traffic) {
		OffsetDateTime at = traffic.updatedAt().atOffset(ZoneOffset.UTC);
		String tiers = join(traffic.tierInputs());
		VersionTraffic.Window window = traffic.window();
		Long windowInputs = (window != null) ? window.inputs() : null;
		String windowTiers = (window != null) ? join(window.tierInputs()) : null;
		Double windowSeconds = (window != null && !Double.isNaN(window.seconds())) ? window.seconds() : null;
		int updated = jdbc()
			.update("UPDATE serving_traffic SET requests = ?, failures = ?, refusals = ?, inputs = ?, tier_inputs = ?, "
					+ "inputs_per_second = ?, window_inputs = ?, window_tier_inputs = ?, window_seconds = ?, latency_p50_ms = ?, latency_p95_ms = ?, latency_p99_ms = ?, "
					+ "updated_at = ? WHERE instance_id = ? AND cascade_name = ? AND cascade_version = ?",
					traffic.requests(), traffic.failures(), traffic.refusals(), traffic.inputs(), tiers,
					traffic.inputsPerSecond(), windowInputs, windowTiers, windowSeconds, traffic.p50Millis(),
					traffic.p95Millis(), traffic.p99Millis(), at, traffic.instance(), traffic.cascade(),
					traffic.version());
		if (updated == 0) {
			jdbc().update(
					"INSERT INTO serving_traffic (" + COLUMNS
							+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					traffic.instance(), traffic.cascade(), traffic.version(), traffic.requests(), traffic.failures(),
					traffic.refusals(), traffic.inputs(), tiers, traffic.inputsPerSecond(), windowInputs, windowTiers,
					windowSeconds, traffic.p50Millis(), traffic.p95Millis(), traffic.p99Millis(), at);
		}
	}

	/**
	 * Deletes an instance's report on a version it no longer serves.
	 * @param instance the instance
	 * @param cascade the cascade's name
	 * @param version the version
	 * @throws DataAccessException if the database cannot be written
	 */
	public void delete(String instance, String cascade, int version) {
		jdbc().update("DELETE FROM serving_traffic WHERE instance_id = ? AND cascade_name = ? AND cascade_version = ?",
				instance, cascade, version);
	}

	/**
	 * Returns the reports on one cascade, of every instance and version, stale ones
	 * included.
	 * @param cascade the cascade's name
	 * @return the reports, sorted by version, then instance
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<VersionTraffic> list(String cascade) {
		return jdbc().query(
				"SELECT " + COLUMNS
						+ " FROM serving_traffic WHERE cascade_name = ? ORDER BY cascade_version, instance_id",
				ServingTraffic::row, cascade);
	}

	private static VersionTraffic row(ResultSet rs, int index) throws SQLException {
		long windowInputs = rs.getLong("window_inputs");
		VersionTraffic.Window window = rs.wasNull() ? null
				: new VersionTraffic.Window(windowInputs, split(rs.getString("window_tier_inputs")),
						Objects.requireNonNullElse(nullable(rs, "window_seconds"), Double.NaN));
		return new VersionTraffic(rs.getString("instance_id"), rs.getString("cascade_name"),
				rs.getInt("cascade_version"), rs.getLong("requests"), rs.getLong("failures"), rs.getLong("refusals"),
				rs.getLong("inputs"), split(rs.getString("tier_inputs")), rs.getDouble("inputs_per_second"), window,
				nullable(rs, "latency_p50_ms"), nullable(rs, "latency_p95_ms"), nullable(rs, "latency_p99_ms"),
				rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

	private static String join(List<Long> counts) {
		return counts.stream().map(String::valueOf).collect(Collectors.joining(","));
	}

	private static List<Long> split(@Nullable String counts) {
		return (counts == null || counts.isEmpty()) ? List.of()
				: Arrays.stream(counts.split(",")).map(Long::valueOf).toList();
	}

	private static @Nullable Double nullable(ResultSet rs, String column) throws SQLException {
		double value = rs.getDouble(column);
		return rs.wasNull() ? null : value;
	}

}
