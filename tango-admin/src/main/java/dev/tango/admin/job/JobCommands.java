package dev.tango.admin.job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What people do to jobs in the queue: cancel one, cancel every job that matches a
 * filter, restart one. A queued job is cancelled at once; a running one is asked to stop
 * and is cancelled by its instance within a heartbeat. Each command runs in one
 * transaction with the rows it changes locked. Thread-safe.
 */
public class JobCommands {

	private static final Logger logger = LoggerFactory.getLogger(JobCommands.class);

	private final Jobs jobs;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final JobDatasets datasets;

	/**
	 * Creates the commands.
	 * @param jobs the queue
	 * @param jdbc the queue's database
	 * @param transactions the transactions of that database
	 * @param datasets the data sets jobs read, which a restart locks and checks
	 */
	public JobCommands(Jobs jobs, JdbcTemplate jdbc, PlatformTransactionManager transactions, JobDatasets datasets) {
		this.jobs = jobs;
		this.jdbc = JdbcClient.create(jdbc);
		this.transactions = new TransactionTemplate(transactions);
		this.datasets = datasets;
	}

	/**
	 * Cancels a job: at once if queued; a running one is asked to stop.
	 * @param id the job
	 * @return the job afterwards
	 * @throws JobNotFoundException if there is no such job
	 * @throws JobStateException if it has finished
	 */
	public Job cancel(long id) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			Job job = this.jobs.lock(id);
			if (job.status() != JobStatus.QUEUED && job.status() != JobStatus.RUNNING) {
				throw new JobStateException("Job " + id + " has finished (" + job.status()
						+ "); only queued or running jobs can be cancelled");
			}
			cancelLocked(List.of(id), job.status());
			logger.info("Cancellation of job {} ({}) requested", id, job.status());
			return this.jobs.require(id);
		}));
	}

	/**
	 * Cancels every queued or running job that matches all the filters given: queued ones
	 * at once, running ones asked to stop. Jobs that finished are left as they are.
	 * @param filter which jobs
	 * @param actor who asks, for the log
	 * @return the jobs it cancelled or asked to stop, afterwards, newest first
	 * @throws IllegalArgumentException if the filter names no kind, user or state, or a
	 * state other than queued or running
	 */
	public List<Job> cancelAll(Filter filter, String actor) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			List<Long> ids = new ArrayList<>();
			for (JobStatus state : filter.states()) {
				List<Long> matched = matching(filter, state);
				cancelLocked(matched, state);
				ids.addAll(matched);
			}
			List<Job> cancelled = this.jobs.read(ids);
			logger.info("{} cancelled {} jobs ({}): {}", actor, cancelled.size(), filter,
					cancelled.stream().map(Job::id).toList());
			return cancelled;
		}));
	}

	/**
	 * Queues a failed or cancelled job again, with the same parameters; the next attempt
	 * starts afresh, or from the checkpoint of a kind that keeps one (fine-tuning).
	 * @param id the job
	 * @return the job afterwards
	 * @throws JobNotFoundException if there is no such job
	 * @throws JobStateException if it is queued, running or succeeded, or a data set it
	 * reads no longer exists (locked and checked as it is queued again, as a submission's
	 * are: {@link JobDatasets#lockForRestart})
	 * @throws JobQueueLimitException if the queue is at one of its limits, counting the
	 * job's owner's jobs (see {@link JobAdmission})
	 */
	public Job restart(long id) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			Job job = this.jobs.lock(id);
			if (job.status() != JobStatus.FAILED && job.status() != JobStatus.CANCELLED) {
				throw new JobStateException(
						"Job " + id + " is " + job.status() + "; only failed or cancelled jobs can be restarted");
			}
			this.datasets.lockForRestart(job);
			this.jobs.admission().admit(job.createdBy());
			this.jdbc
				.sql("UPDATE admin_jobs SET status = 'QUEUED', cancel_requested = FALSE, finished_at = NULL, "
						+ "heartbeat_at = NULL, progress = 0, items_done = 0, items_total = NULL, phase = NULL, "
						+ "eta_at = NULL, result = NULL, error = NULL WHERE id = ?")
				.param(id)
				.update();
			logger.info("Job {} queued again after {} (attempt {})", id, job.status(), job.attempt());
			return this.jobs.require(id);
		}));
	}

	/** Locks and returns the jobs in one state that match the filter. */
	private List<Long> matching(Filter filter, JobStatus state) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		StringBuilder sql = new StringBuilder("SELECT id FROM admin_jobs WHERE status = :status");
		parameters.put("status", state.name());
		if (filter.kind() != null) {
			sql.append(" AND kind = :kind");
			parameters.put("kind", filter.kind());
		}
		if (filter.createdBy() != null) {
			sql.append(" AND created_by = :createdBy");
			parameters.put("createdBy", filter.createdBy());
		}
		return this.jdbc.sql(sql.append(" ORDER BY id FOR UPDATE").toString())
			.params(parameters)
			.query(Long.class)
			.list();
	}

	/** Cancels queued jobs, or asks running ones to stop; their rows are locked. */
	private void cancelLocked(List<Long> ids, JobStatus state) {
		if (ids.isEmpty()) {
			return;
		}
		if (state == JobStatus.QUEUED) {
			this.jdbc.sql("UPDATE admin_jobs SET status = 'CANCELLED', finished_at = :now WHERE id IN (:ids)")
				.param("now", this.jobs.now())
				.param("ids", ids)
				.update();
		}
		else {
			this.jdbc.sql("UPDATE admin_jobs SET cancel_requested = TRUE WHERE id IN (:ids)")
				.param("ids", ids)
				.update();
		}
	}

	/**
	 * Which jobs to cancel: those that match every part given; at least one is.
	 *
	 * @param kind only jobs of this kind, named in any case, or {@code null} for every
	 * kind
	 * @param createdBy only jobs this user submitted, or {@code null} for every user's
	 * @param status only queued or only running jobs, or {@code null} for both
	 */
	public record Filter(@Nullable String kind, @Nullable String createdBy, @Nullable JobStatus status) {

		/**
		 * Checks the filter.
		 * @throws IllegalArgumentException if it names nothing, a blank kind or user, a
		 * text that cannot name a kind, or a state other than queued or running
		 */
		public Filter {
			if ((kind != null && kind.isBlank()) || (createdBy != null && createdBy.isBlank())) {
				throw new IllegalArgumentException("kind and createdBy, where given, must not be blank");
			}
			if (kind != null && !JobKinds.isName(kind)) {
				throw new IllegalArgumentException(
						"'" + kind + "' cannot name a job kind: kinds are named with 1 to 32 "
								+ "letters, digits and underscores, starting with a letter, such as FIT_HEAD");
			}
			kind = (kind != null) ? JobKinds.canonical(kind) : null;
			if (kind == null && createdBy == null && status == null) {
				throw new IllegalArgumentException(
						"Name the jobs to cancel: kind, createdBy or status (QUEUED or RUNNING), or several");
			}
			if (status != null && status != JobStatus.QUEUED && status != JobStatus.RUNNING) {
				throw new IllegalArgumentException(
						"Only queued or running jobs can be cancelled: status must be QUEUED or RUNNING, was "
								+ status);
			}
		}

		List<JobStatus> states() {
			return (this.status != null) ? List.of(this.status) : List.of(JobStatus.QUEUED, JobStatus.RUNNING);
		}

	}

}
