package dev.tango.models.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.RegistryConflictException;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.models.registry.StorableText;

/**
 * The release plans of the registry (tables {@code release_plans} and
 * {@code release_audit}): starts, promotes and aborts them, each with a reason in the
 * audit, and lists them. At most one plan runs per cascade. Every change is one
 * transaction; a promotion activates the candidate in the same transaction. Thread-safe,
 * and safe to use from several processes at once.
 */
public class ReleasePlans {

	/** The most characters of a reason. */
	public static final int REASON_LIMIT = 1000;

	private static final String COLUMNS = "id, cascade_name, base_version, candidate_version, release_mode, "
			+ "traffic_share, max_error_rate, max_escalation_rate, min_requests, state, started_at, started_by, ended_at";

	private final JdbcTemplate jdbc;

	private final ModelRegistry registry;

	private final TransactionTemplate transactions;

	private final Clock clock;

	/**
	 * Creates the store.
	 * @param jdbc the registry's database
	 * @param registry the registry, to check versions and activate candidates
	 * @param transactions runs each change in one transaction, the registry's included
	 * @param clock the time of each change
	 */
	public ReleasePlans(JdbcTemplate jdbc, ModelRegistry registry, TransactionTemplate transactions, Clock clock) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Starts a plan: the candidate is tried against the version active now.
	 * @param request the plan
	 * @return the running plan
	 * @throws RegistryNotFoundException if the cascade has no active version or no such
	 * candidate version
	 * @throws InvalidRegistryRequestException if the candidate is the active version
	 * @throws RegistryConflictException if a plan runs already for the cascade
	 */
	public ReleasePlan start(ReleaseRequest request) {
		return this.transactions.execute((status) -> {
			// An activation at the same moment locks the same row: one of the two sees
			// the other.
			this.jdbc.queryForList("SELECT id FROM cascades WHERE name = ? FOR UPDATE", Long.class, request.cascade());
			ActiveCascade active = this.registry.getActive(request.cascade())
				.orElseThrow(() -> new RegistryNotFoundException(
						"Cascade '" + request.cascade() + "' has no active version to release a candidate against"));
			CascadeVersion candidate = this.registry.findCascadeVersion(request.cascade(), request.candidateVersion())
				.orElseThrow(() -> new RegistryNotFoundException(
						"Cascade '" + request.cascade() + "' has no version " + request.candidateVersion()));
			int base = active.version().version();
			if (base == request.candidateVersion()) {
				throw new InvalidRegistryRequestException("Version " + base + " of cascade '" + request.cascade()
						+ "' is the active one; a release tries another version");
			}
			requireComparable(request.mode(), active.version(), candidate);
			Instant now = this.clock.instant();
			GeneratedKeyHolder keys = new GeneratedKeyHolder();
			try {
				this.jdbc.update((connection) -> {
					var statement = connection.prepareStatement("INSERT INTO release_plans (cascade_name, "
							+ "running_cascade, base_version, candidate_version, release_mode, traffic_share, "
							+ "max_error_rate, max_escalation_rate, min_requests, state, started_at, started_by) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?)", new String[] { "id" });
					statement.setString(1, request.cascade());
					statement.setString(2, request.cascade());
					statement.setInt(3, base);
					statement.setInt(4, request.candidateVersion());
					statement.setString(5, request.mode().name());
					statement.setDouble(6, request.share());
					statement.setDouble(7, request.bounds().maxErrorRate());
					statement.setDouble(8, request.bounds().maxEscalationRate());
					statement.setInt(9, request.bounds().minRequests());
					statement.setObject(10, now.atOffset(ZoneOffset.UTC));
					statement.setString(11, request.actor());
					return statement;
				}, keys);
			}
			catch (DuplicateKeyException ex) {
				throw new RegistryConflictException("A release plan runs already for cascade '" + request.cascade()
						+ "': promote or abort it first", ex);
			}
			long id = keys.getKeyAs(Number.class).longValue();
			audit(id, request.cascade(), ReleaseAction.START, request.actor(), request.reason(), now);
			return require(id);
		});
	}

	/**
	 * Refuses a candidate whose answers cannot stand beside the active version's: a
	 * shadow compares answers by label, so the labels must be the same, in the same
	 * order; a canary also serves the candidate's display names to clients, which must
	 * not change with the share a request falls in.
	 */
	private static void requireComparable(ReleaseMode mode, CascadeVersion active, CascadeVersion candidate) {
		List<Label> base = active.labels();
		List<Label> tried = candidate.labels();
		boolean same = Label.ids(base).equals(Label.ids(tried))
				&& (mode != ReleaseMode.CANARY || Label.names(base).equals(Label.names(tried)));
		if (!same) {
			throw new InvalidRegistryRequestException("Version " + candidate.version() + " answers with the labels "
					+ describe(tried, mode) + ", the active version " + active.version() + " with "
					+ describe(base, mode) + ": a " + mode.name().toLowerCase(Locale.ROOT) + " needs the same labels"
					+ ((mode == ReleaseMode.CANARY) ? " and display names" : "")
					+ " in the same order; activate the candidate instead to change them");
		}
	}

	private static String describe(List<Label> labels, ReleaseMode mode) {
		return (mode == ReleaseMode.CANARY) ? labels.toString() : Label.ids(labels).toString();
	}

	/**
	 * Promotes the running plan of a cascade: activates its candidate (unless it is
	 * active already) and ends the plan. The version active must still be the plan's base
	 * (or its candidate): the plan measured the candidate against that one.
	 * @param cascade the cascade's name
	 * @param planId the plan the caller means (as it saw it), or {@code null} for
	 * whichever runs
	 * @param actor who asks
	 * @param reason why; not blank
	 * @return the promoted plan
	 * @throws RegistryNotFoundException if no plan runs for the cascade
	 * @throws RegistryConflictException if the plan meant no longer runs (another may),
	 * it ended meanwhile, another version than its base or candidate is active, or the
	 * activation conflicts
	 */
	public ReleasePlan promote(String cascade, @Nullable Long planId, String actor, @Nullable String reason) {
		String checked = checkedReason(reason);
		return this.transactions.execute((status) -> {
			ReleasePlan plan = end(requireRunning(cascade, planId), ReleaseState.PROMOTED, actor, checked);
			// 0: no version is active.
			int active = this.registry.getActive(cascade).map((current) -> current.version().version()).orElse(0);
			if (active != plan.baseVersion() && active != plan.candidateVersion()) {
				throw new RegistryConflictException(
						"Cascade '" + cascade + "' has " + ((active > 0) ? "version " + active : "no version")
								+ " active, not version " + plan.baseVersion() + ", which release plan " + plan.id()
								+ " measured its candidate against: abort the plan and start another");
			}
			if (active != plan.candidateVersion()) {
				this.registry.activate(ActivationRequest.of(cascade, plan.candidateVersion(), actor,
						"release plan " + plan.id() + " promoted: " + checked));
			}
			return require(plan.id());
		});
	}

	/**
	 * Aborts the running plan of a cascade.
	 * @param cascade the cascade's name
	 * @param planId the plan the caller means (as it saw it), or {@code null} for
	 * whichever runs
	 * @param actor who asks
	 * @param reason why; not blank
	 * @return the aborted plan
	 * @throws RegistryNotFoundException if no plan runs for the cascade
	 * @throws RegistryConflictException if the plan meant no longer runs (another may),
	 * or it ended meanwhile
	 */
	public ReleasePlan abort(String cascade, @Nullable Long planId, String actor, @Nullable String reason) {
		String checked = checkedReason(reason);
		return this.transactions
			.execute((status) -> end(requireRunning(cascade, planId), ReleaseState.ABORTED, actor, checked));
	}

	/**
	 * Aborts a plan if it still runs: what an instance does when the candidate leaves the
	 * plan's bounds. Safe to call from several instances at once; one of them aborts it.
	 * @param planId the plan
	 * @param actor the instance
	 * @param reason why
	 * @return whether this call aborted it
	 */
	public boolean abortIfRunning(long planId, String actor, String reason) {
		String checked = checkedReason(reason);
		Boolean aborted = this.transactions.execute((status) -> {
			Optional<ReleasePlan> plan = find(planId).filter(ReleasePlan::running);
			if (plan.isEmpty()) {
				return false;
			}
			try {
				end(plan.get(), ReleaseState.ABORTED, actor, checked);
				return true;
			}
			catch (RegistryConflictException ex) {
				return false;
			}
		});
		return Boolean.TRUE.equals(aborted);
	}

	/**
	 * Returns the running plans of every cascade.
	 * @return the plans, by cascade
	 * @throws DataAccessException if the database cannot be read
	 */
	public List<ReleasePlan> running() {
		return this.jdbc.query(
				"SELECT " + COLUMNS + " FROM release_plans WHERE state = 'RUNNING' ORDER BY cascade_name",
				ReleasePlans::row);
	}

	/**
	 * Returns the running plan of a cascade.
	 * @param cascade the cascade's name
	 * @return the plan, or empty
	 */
	public Optional<ReleasePlan> running(String cascade) {
		return this.jdbc
			.query("SELECT " + COLUMNS + " FROM release_plans WHERE running_cascade = ?", ReleasePlans::row, cascade)
			.stream()
			.findFirst();
	}

	/**
	 * Returns the latest plans of a cascade, newest first.
	 * @param cascade the cascade's name
	 * @param limit how many at most
	 * @return the plans
	 */
	public List<ReleasePlan> list(String cascade, int limit) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM release_plans WHERE cascade_name = ? ORDER BY id DESC "
				+ "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", ReleasePlans::row, cascade);
	}

	/**
	 * Returns a plan.
	 * @param id the plan's identifier
	 * @return the plan, or empty
	 */
	public Optional<ReleasePlan> find(long id) {
		return this.jdbc.query("SELECT " + COLUMNS + " FROM release_plans WHERE id = ?", ReleasePlans::row, id)
			.stream()
			.findFirst();
	}

	/**
	 * Returns the audit of a cascade's plans, newest first.
	 * @param cascade the cascade's name
	 * @param limit how many entries at most
	 * @return the entries
	 */
	public List<ReleaseAuditEntry> audit(String cascade, int limit) {
		return this.jdbc.query(
				"SELECT plan_id, cascade_name, action, actor, reason, acted_at FROM release_audit "
						+ "WHERE cascade_name = ? ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
				(rs, i) -> new ReleaseAuditEntry(rs.getLong(1), rs.getString(2), ReleaseAction.valueOf(rs.getString(3)),
						rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()),
				cascade);
	}

	/**
	 * Checks a reason for an audit entry.
	 * @param reason the reason
	 * @return it, trimmed
	 * @throws InvalidRegistryRequestException if it is missing, blank or too long
	 */
	static String checkedReason(@Nullable String reason) {
		if (reason == null || reason.isBlank()) {
			throw new InvalidRegistryRequestException("Give a reason: it is recorded in the release audit");
		}
		String trimmed = reason.strip();
		StorableText.require("The reason", trimmed, REASON_LIMIT);
		return trimmed;
	}

	/**
	 * The plan that runs for a cascade, which must be the one the caller means: a caller
	 * who saw one plan must not end another started since.
	 */
	private ReleasePlan requireRunning(String cascade, @Nullable Long planId) {
		Optional<ReleasePlan> running = running(cascade);
		if (planId != null && (running.isEmpty() || running.get().id() != planId)) {
			throw new RegistryConflictException(
					"Release plan " + planId + " does not run for cascade '" + cascade + "'; "
							+ running
								.map((plan) -> "plan " + plan.id() + " (" + plan.mode() + " of version "
										+ plan.candidateVersion() + ") runs now")
								.orElse("no plan runs now")
							+ ": look at the release again before ending a plan");
		}
		return running
			.orElseThrow(() -> new RegistryNotFoundException("No release plan runs for cascade '" + cascade + "'"));
	}

	private ReleasePlan require(long id) {
		return find(id).orElseThrow(() -> new RegistryNotFoundException("No release plan " + id));
	}

	private ReleasePlan end(ReleasePlan plan, ReleaseState state, String actor, String reason) {
		Instant now = this.clock.instant();
		int updated = this.jdbc.update(
				"UPDATE release_plans SET state = ?, running_cascade = NULL, ended_at = ? WHERE id = ? AND state = 'RUNNING'",
				state.name(), now.atOffset(ZoneOffset.UTC), plan.id());
		if (updated == 0) {
			throw new RegistryConflictException(
					"Release plan " + plan.id() + " of cascade '" + plan.cascade() + "' ended meanwhile");
		}
		audit(plan.id(), plan.cascade(), (state == ReleaseState.PROMOTED) ? ReleaseAction.PROMOTE : ReleaseAction.ABORT,
				actor, reason, now);
		return require(plan.id());
	}

	private void audit(long planId, String cascade, ReleaseAction action, String actor, String reason, Instant at) {
		this.jdbc.update(
				"INSERT INTO release_audit (plan_id, cascade_name, action, actor, reason, acted_at) VALUES (?, ?, ?, ?, ?, ?)",
				planId, cascade, action.name(), actor, reason, at.atOffset(ZoneOffset.UTC));
	}

	private static ReleasePlan row(ResultSet rs, int index) throws SQLException {
		OffsetDateTime ended = rs.getObject("ended_at", OffsetDateTime.class);
		return new ReleasePlan(rs.getLong("id"), rs.getString("cascade_name"), rs.getInt("base_version"),
				rs.getInt("candidate_version"), ReleaseMode.valueOf(rs.getString("release_mode")),
				rs.getDouble("traffic_share"),
				new ReleaseBounds(rs.getDouble("max_error_rate"), rs.getDouble("max_escalation_rate"),
						rs.getInt("min_requests")),
				ReleaseState.valueOf(rs.getString("state")),
				rs.getObject("started_at", OffsetDateTime.class).toInstant(), rs.getString("started_by"),
				(ended != null) ? ended.toInstant() : null);
	}

}
