package dev.tango.models.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the API instances measured for release plans (table {@code release_reports}). An
 * instance writes its own rows only, so writers never contend. Thread-safe.
 */
public class ReleaseReports {

	private static final String COLUMNS = "instance_id, plan_id, cascade_version, role, requests, inputs, errors, "
			+ "dropped, compared, agreed, tier_inputs, tier_answered, tier_agreed, compute_nanos, updated_at";

	private final JdbcTemplate jdbc;

	/**
	 * Creates the store.
	 * @param jdbc the registry's database; its query timeout bounds every call
	 */
	public ReleaseReports(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes a report, replacing the instance's earlier one for that plan and version.
	 * @param report the report
	 * @throws DataAccessException if the database cannot be written
	 */
	public void save(ReleaseReport report) {
		OffsetDateTime at = report.updatedAt().atOffset(ZoneOffset.UTC);
		String inputs = joined(report, ReleaseReport.TierCounts::inputs);
		String answered = joined(report, ReleaseReport.TierCounts::answered);
		String agreed = joined(report, ReleaseReport.TierCounts::agreed);
		int updated = this.jdbc.update(
				"UPDATE release_reports SET role = ?, requests = ?, inputs = ?, errors = ?, dropped = ?, compared = ?, "
						+ "agreed = ?, tier_inputs = ?, tier_answered = ?, tier_agreed = ?, compute_nanos = ?, "
						+ "updated_at = ? WHERE instance_id = ? AND plan_id = ? AND cascade_version = ?",
				report.role().name(), report.requests(), report.inputs(), report.errors(), report.dropped(),
				report.compared(), report.agreed(), inputs, answered, agreed, report.computeNanos(), at,
				report.instance(), report.planId(), report.version());
		if (updated == 0) {
			this.jdbc.update(
					"INSERT INTO release_reports (" + COLUMNS
							+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					report.instance(), report.planId(), report.version(), report.role().name(), report.requests(),
					report.inputs(), report.errors(), report.dropped(), report.compared(), report.agreed(), inputs,
					answered, agreed, report.computeNanos(), at);
		}
	}

	/**
	 * Returns every instance's reports on a plan.
	 * @param planId the plan
	 * @return the reports, by instance and version
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<ReleaseReport> list(long planId) {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM release_reports WHERE plan_id = ? ORDER BY instance_id, cascade_version",
				ReleaseReports::row, planId);
	}

	/**
	 * Returns the reports on a plan added up over the instances, one per version.
	 * @param planId the plan
	 * @return the sums, active version first
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<ReleaseReport> totals(long planId) {
		Map<Integer, ReleaseReport> sums = new LinkedHashMap<>();
		for (ReleaseReport report : list(planId)) {
			sums.merge(report.version(), report, ReleaseReport::plus);
		}
		List<ReleaseReport> totals = new ArrayList<>(sums.values());
		totals.sort((a, b) -> a.role().compareTo(b.role()));
		return totals;
	}

	private static String joined(ReleaseReport report, ToLongFunction<ReleaseReport.TierCounts> f) {
		return report.tiers()
			.stream()
			.map((tier) -> Long.toString(f.applyAsLong(tier)))
			.collect(Collectors.joining(","));
	}

	private static long[] split(String value) {
		return value.isEmpty() ? new long[0] : Arrays.stream(value.split(",")).mapToLong(Long::parseLong).toArray();
	}

	private static ReleaseReport row(ResultSet rs, int index) throws SQLException {
		long[] inputs = split(rs.getString("tier_inputs"));
		long[] answered = split(rs.getString("tier_answered"));
		long[] agreed = split(rs.getString("tier_agreed"));
		List<ReleaseReport.TierCounts> tiers = new ArrayList<>(inputs.length);
		for (int i = 0; i < inputs.length; i++) {
			tiers.add(new ReleaseReport.TierCounts(inputs[i], answered[i], agreed[i]));
		}
		return new ReleaseReport(rs.getString("instance_id"), rs.getLong("plan_id"), rs.getInt("cascade_version"),
				ReleaseRole.valueOf(rs.getString("role")), rs.getLong("requests"), rs.getLong("inputs"),
				rs.getLong("errors"), rs.getLong("dropped"), rs.getLong("compared"), rs.getLong("agreed"), tiers,
				rs.getLong("compute_nanos"), rs.getObject("updated_at", OffsetDateTime.class).toInstant());
	}

}
