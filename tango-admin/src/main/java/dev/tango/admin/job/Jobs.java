package dev.tango.admin.job;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.core.tier.UnicodeText;

/**
 * The job queue in the database ({@code admin_jobs}). Any number of instances may share
 * it: {@link #claim(String, Set)} hands a queued job to exactly one caller, because the
 * row is selected {@code FOR UPDATE SKIP LOCKED} and marked running in the same
 * transaction. Writes about a running attempt are fenced by attempt and instance.
 * Thread-safe.
 */
public class Jobs {

	private static final Logger logger = LoggerFactory.getLogger(Jobs.class);

	/**
	 * The most characters of a job's parameters, as JSON, that a job keeps (the size of
	 * their column).
	 */
	public static final int MAX_PARAMETERS_LENGTH = 100_000;

	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Clock clock;

	private final JobRowMapper rows;

	private final JobAdmission admission;

	/**
	 * Creates the queue.
	 * @param jdbc the database
	 * @param transactions the transactions of that database
	 * @param json reads and writes parameters and results
	 * @param clock the time of heartbeats and staleness
	 * @param limits how many jobs may wait
	 */
	public Jobs(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json, Clock clock,
			JobAdmission.Limits limits) {
		this.jdbc = JdbcClient.create(jdbc);
		this.transactions = new TransactionTemplate(transactions);
		this.json = json;
		this.clock = clock;
		this.rows = new JobRowMapper(json);
		this.admission = new JobAdmission(this.jdbc, limits);
	}

	/**
	 * Returns the queue's limits, which {@link #submit} and a restart enforce.
	 * @return the admission
	 */
	public JobAdmission admission() {
		return this.admission;
	}

	/**
	 * Queues a job that needs nothing locked while it is queued and activates nothing, as
	 * {@link #submit(String, JsonNode, String, String, Long, Runnable)} does.
	 * @param kind the name of its {@link JobHandler kind}
	 * @param parameters its parameters
	 * @param actor who submits it
	 * @param idempotencyKey the submission's key, or {@code null}
	 * @return the job queued now, or the one queued before under the key
	 */
	public QueuedJob submit(String kind, JsonNode parameters, String actor, @Nullable String idempotencyKey) {
		return submit(kind, parameters, actor, idempotencyKey, null, () -> {
		});
	}

	/**
	 * Queues a job, once per actor and idempotency key: a submission with a key the actor
	 * used before queues nothing and returns the job queued then, also when both arrive
	 * at once (the database's unique constraint decides).
	 * @param kind the name of its {@link JobHandler kind}
	 * @param parameters its parameters
	 * @param actor who submits it
	 * @param idempotencyKey the submission's key, or {@code null} to queue a new job in
	 * any case
	 * @param activationBase the active revision of the cascade the job may activate, as
	 * the submission found it ({@link JobContext#activationBase}), or {@code null}
	 * @param whileQueuing runs in the transaction that queues the job, before the queue
	 * admits it: it locks and checks what the job needs (the data sets it reads,
	 * {@link dev.tango.admin.dataset.DatasetLocks#lockToRead}) until the job is queued;
	 * what it throws queues nothing and reaches the caller
	 * @return the job queued now, or the one queued before under the key
	 * @throws IdempotencyKeyReusedException if the key was used for another kind or other
	 * parameters
	 * @throws JobQueueLimitException if the queue is at one of its limits (see
	 * {@link JobAdmission})
	 */
	public QueuedJob submit(String kind, JsonNode parameters, String actor, @Nullable String idempotencyKey,
			@Nullable Long activationBase, Runnable whileQueuing) {
		String stored = storable(parameters);
		KeyHolder key = new GeneratedKeyHolder();
		try {
			this.transactions.executeWithoutResult((status) -> {
				// the data sets first: a deletion holding one's lock then holds up the
				// submissions that read it, not the admission of every other
				whileQueuing.run();
				this.admission.admit(actor);
				this.jdbc
					.sql("INSERT INTO admin_jobs (kind, status, parameters, created_at, created_by, idempotency_key, "
							+ "activation_base) VALUES (?, ?, ?, ?, ?, ?, ?)")
					.params(kind, JobStatus.QUEUED.name(), stored, now(), actor, idempotencyKey, activationBase)
					.update(key, "id");
			});
		}
		catch (DuplicateKeyException ex) {
			String used = Objects.requireNonNull(idempotencyKey);
			Job earlier = findByKey(actor, used).orElseThrow(() -> ex);
			return QueuedJob.replay(earlier, used, kind, this.json.readTree(stored));
		}
		long id = Objects.requireNonNull(key.getKeyAs(Long.class));
		logger.info("Queued {} job {} for {}", kind, id, actor);
		return new QueuedJob(require(id), false);
	}

	/**
	 * Returns parameters as a job keeps them.
	 * @param parameters the parameters
	 * @return their JSON
	 * @throws IllegalArgumentException if it is longer than
	 * {@value #MAX_PARAMETERS_LENGTH} characters
	 */
	public String storable(JsonNode parameters) {
		String stored = this.json.writeValueAsString(parameters);
		if (stored.length() > MAX_PARAMETERS_LENGTH) {
			throw new IllegalArgumentException(
					"The parameters are " + stored.length() + " characters long as JSON; a job keeps at most "
							+ MAX_PARAMETERS_LENGTH + ": shorten the free text (such as the description)");
		}
		return stored;
	}

	/**
	 * Returns the job an earlier submission with the same key queued, if any, so that a
	 * retried submission is answered with it before anything else is checked.
	 * @param kind the name of the job's kind
	 * @param parameters its parameters
	 * @param actor who submits it
	 * @param idempotencyKey the submission's key
	 * @return the earlier job, replayed, or empty if the key is new
	 * @throws IdempotencyKeyReusedException if the key was used for another kind or other
	 * parameters
	 */
	public Optional<QueuedJob> replay(String kind, JsonNode parameters, String actor, String idempotencyKey) {
		return findByKey(actor, idempotencyKey).map((earlier) -> QueuedJob.replay(earlier, idempotencyKey, kind,
				this.json.readTree(this.json.writeValueAsString(parameters))));
	}

	private Optional<Job> findByKey(String actor, String idempotencyKey) {
		return this.jdbc.sql("SELECT * FROM admin_jobs WHERE created_by = ? AND idempotency_key = ?")
			.params(actor, idempotencyKey)
			.query(this.rows)
			.optional();
	}

	/**
	 * Returns a job.
	 * @param id its identifier
	 * @return the job, or empty
	 */
	public Optional<Job> find(long id) {
		return this.jdbc.sql("SELECT * FROM admin_jobs WHERE id = ?").param(id).query(this.rows).optional();
	}

	/**
	 * Returns a job or fails.
	 * @param id its identifier
	 * @return the job
	 * @throws JobNotFoundException if there is none
	 */
	public Job require(long id) {
		return find(id).orElseThrow(() -> new JobNotFoundException(id));
	}

	/**
	 * Reads jobs in one query.
	 * @param ids their identifiers
	 * @return those that exist, newest first
	 */
	List<Job> read(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("SELECT * FROM admin_jobs WHERE id IN (:ids) ORDER BY id DESC")
			.param("ids", ids)
			.query(this.rows)
			.list();
	}

	/**
	 * Lists jobs, newest first, a page at a time: the next page starts before the last
	 * job of this one (keyset paging, stable while jobs are added).
	 * @param status only jobs in this state, or {@code null} for all
	 * @param before only jobs with a lower identifier, or {@code null} to start from the
	 * newest
	 * @param limit the most jobs to return, positive
	 * @return the jobs
	 */
	public List<Job> list(@Nullable JobStatus status, @Nullable Long before, int limit) {
		long below = (before != null) ? before : Long.MAX_VALUE;
		if (status == null) {
			return this.jdbc.sql("SELECT * FROM admin_jobs WHERE id < ? ORDER BY id DESC LIMIT ?")
				.params(below, limit)
				.query(this.rows)
				.list();
		}
		return this.jdbc.sql("SELECT * FROM admin_jobs WHERE status = ? AND id < ? ORDER BY id DESC LIMIT ?")
			.params(status.name(), below, limit)
			.query(this.rows)
			.list();
	}

	/**
	 * Claims the oldest queued job of the kinds an instance runs: exactly one caller gets
	 * each job, whatever the number of instances; other kinds stay queued.
	 * @param instanceId the claiming instance
	 * @param kinds the names of the kinds it runs, at least one
	 * @return the claimed attempt, or empty if no job of those kinds is queued
	 */
	public Optional<ClaimedJob> claim(String instanceId, Set<String> kinds) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			List<QueuedRow> rows = this.jdbc
				.sql("SELECT id, activation_base FROM admin_jobs WHERE status = 'QUEUED' AND kind IN (:kinds) "
						+ "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED")
				.param("kinds", kinds)
				.query((rs, row) -> new QueuedRow(rs.getLong(1), rs.getObject(2, Long.class)))
				.list();
			if (rows.isEmpty()) {
				return Optional.<ClaimedJob>empty();
			}
			long id = rows.get(0).id();
			Timestamp now = now();
			this.jdbc.sql(
					"UPDATE admin_jobs SET status = 'RUNNING', attempt = attempt + 1, instance_id = ?, started_at = ?, "
							+ "heartbeat_at = ?, finished_at = NULL, cancel_requested = FALSE, progress = 0, "
							+ "items_done = 0, items_total = NULL, phase = NULL, eta_at = NULL, result = NULL, "
							+ "error = NULL WHERE id = ?")
				.params(instanceId, now, now, id)
				.update();
			Job job = require(id);
			return Optional.of(new ClaimedJob(id, job.kind(), job.parameters(), job.attempt(), instanceId,
					job.createdBy(), rows.get(0).activationBase()));
		}));
	}

	/**
	 * Writes the heartbeat of running attempts and tells which of them were asked to
	 * stop.
	 * @param claimed the attempts this instance is running
	 * @return the attempts that should stop: cancelled, or no longer this instance's
	 */
	public List<ClaimedJob> heartbeat(List<ClaimedJob> claimed) {
		List<ClaimedJob> stop = new ArrayList<>();
		Timestamp now = now();
		for (ClaimedJob job : claimed) {
			int updated = this.jdbc
				.sql("UPDATE admin_jobs SET heartbeat_at = ? WHERE id = ? AND attempt = ? AND instance_id = ? "
						+ "AND status = 'RUNNING' AND cancel_requested = FALSE")
				.params(now, job.id(), job.attempt(), job.instanceId())
				.update();
			if (updated == 0) {
				stop.add(job);
			}
		}
		return stop;
	}

	/**
	 * Records the progress of a running attempt. Percent and items done never decrease.
	 * @param job the attempt
	 * @param progress the progress
	 * @return {@code true} if the attempt should go on; {@code false} if it was cancelled
	 * or is no longer this instance's
	 */
	public boolean progress(ClaimedJob job, Job.Progress progress) {
		int updated = this.jdbc
			.sql("UPDATE admin_jobs SET progress = GREATEST(progress, ?), items_done = CASE WHEN "
					+ "COALESCE(phase, '') = ? THEN GREATEST(items_done, ?) ELSE ? END, items_total = ?, phase = ?, "
					+ "eta_at = ?, heartbeat_at = ? WHERE id = ? AND attempt = ? AND instance_id = ? "
					+ "AND status = 'RUNNING' AND cancel_requested = FALSE")
			.params(Math.min(100, Math.max(0, progress.percent())), Objects.requireNonNullElse(progress.phase(), ""),
					progress.itemsDone(), progress.itemsDone(), progress.itemsTotal(), progress.phase(),
					timestamp(progress.etaAt()), now(), job.id(), job.attempt(), job.instanceId())
			.update();
		return updated == 1;
	}

	/**
	 * Records the success of an attempt.
	 * @param job the attempt
	 * @param result what it produced
	 * @return {@code true} if recorded; {@code false} if the attempt was no longer this
	 * instance's
	 */
	public boolean succeed(ClaimedJob job, JsonNode result) {
		return finish(job, JobStatus.SUCCEEDED, this.json.writeValueAsString(result), null);
	}

	/**
	 * Records the failure of an attempt.
	 * @param job the attempt
	 * @param error why, for people
	 * @return {@code true} if recorded
	 */
	public boolean fail(ClaimedJob job, String error) {
		return finish(job, JobStatus.FAILED, null, error);
	}

	/**
	 * Records that an attempt stopped because it was cancelled.
	 * @param job the attempt
	 * @return {@code true} if recorded
	 */
	public boolean cancelled(ClaimedJob job) {
		int updated = this.jdbc
			.sql("UPDATE admin_jobs SET status = 'CANCELLED', finished_at = ? WHERE id = ? AND attempt = ? "
					+ "AND instance_id = ? AND status = 'RUNNING'")
			.params(now(), job.id(), job.attempt(), job.instanceId())
			.update();
		return updated == 1;
	}

	private boolean finish(ClaimedJob job, JobStatus status, @Nullable String result, @Nullable String error) {
		int updated = this.jdbc
			.sql("UPDATE admin_jobs SET status = ?, finished_at = ?, result = ?, error = ?, "
					+ "progress = CASE WHEN ? THEN 100 ELSE progress END WHERE id = ? AND attempt = ? "
					+ "AND instance_id = ? AND status = 'RUNNING'")
			.params(status.name(), now(), result, (error != null) ? UnicodeText.abbreviate(error, MAX_ERROR) : null,
					status == JobStatus.SUCCEEDED, job.id(), job.attempt(), job.instanceId())
			.update();
		if (updated == 0) {
			logger.warn("Job {} attempt {} finished as {}, but it is no longer this instance's: not recorded", job.id(),
					job.attempt(), status);
		}
		return updated == 1;
	}

	/**
	 * Reads a job and locks its row until the caller's transaction ends.
	 * @param id the job
	 * @return the job
	 * @throws JobNotFoundException if there is no such job
	 */
	Job lock(long id) {
		return this.jdbc.sql("SELECT * FROM admin_jobs WHERE id = ? FOR UPDATE")
			.param(id)
			.query(this.rows)
			.optional()
			.orElseThrow(() -> new JobNotFoundException(id));
	}

	private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	/** The time to record now, as precise as the database keeps it. */
	Timestamp now() {
		return Timestamp.from(this.clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	private record QueuedRow(long id, @Nullable Long activationBase) {
	}

}
