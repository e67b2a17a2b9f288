package dev.tango.admin.dataset;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.admin.job.ClaimedJob;
import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInClientTests;
import dev.tango.runtime.data.DatasetFormat;

import static dev.tango.admin.testing.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data set is not deleted while a queued or running job reads it, over real HTTP
 * against PostgreSQL: jobs of every built-in kind and of a kind that only the test
 * sources add ({@link ReadsDatasetJob}) keep the data sets their parameters name,
 * finished ones keep none, and a job of a kind this instance does not know keeps every
 * one. A submission or restart that a deletion overtakes between its check and its
 * queuing finds the data set gone rather than queuing a job that would fail; a deletion
 * that a submission overtakes keeps the data set; a deletion under way holds up only the
 * submissions that read its data set. The worker is off, so the jobs stay queued.
 */
@AdminIntegrationTest
@Import(DatasetDeletionIT.ReadsDatasetJob.class)
@TestPropertySource(properties = "tango.admin.jobs.enabled=false")
class DatasetDeletionIT extends SignedInClientTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	Jobs queue;

	@Autowired
	DatasetDeletion deletion;

	@Autowired
	Datasets datasets;

	@Autowired
	TransactionTemplate transactions;

	long dataset;

	long other;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM admin_jobs");
		this.dataset = upload("read-" + UUID.randomUUID());
		this.other = upload("other-" + UUID.randomUUID());
	}

	@Test
	void aQueuedJobOfEveryKindKeepsEachDataSetItReads() {
		String cascade = LexicalHeads.unloadableCascade(this.registry, "deletion-it-");
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("FIT_HEAD", "{\"model\": \"m\", \"datasetId\": %1$d, \"encoder\": \"lexical\"}");
		bodies.put("EVALUATE", "{\"cascade\": \"" + cascade + "\", \"datasetId\": %1$d}");
		bodies.put("CALIBRATE", "{\"cascade\": \"" + cascade + "\", \"datasetId\": %1$d}");
		bodies.put("BULK_CLASSIFY", "{\"cascade\": \"" + cascade + "\", \"datasetId\": %1$d}");
		bodies.put("DISTIL", "{\"model\": \"m\", \"teacherCascade\": \"" + cascade
				+ "\", \"datasetId\": %1$d, \"unlabelledDatasetId\": %2$d}");
		bodies.put("FINE_TUNE", "{\"model\": \"m\", \"datasetId\": %1$d, \"encoder\": \"all-minilm-l6-v2\", "
				+ "\"cascade\": {\"name\": \"" + cascade + "\", \"datasetId\": %2$d}}");
		bodies.put(ReadsDatasetJob.KIND, "{\"datasetId\": %1$d}");
		bodies.forEach((kind, template) -> {
			String body = template.formatted(this.dataset, this.other);
			boolean readsOther = template.contains("%2$d");
			for (String path : List.of("/api/jobs/" + kind.toLowerCase(Locale.ROOT).replace('_', '-'),
					"/api/jobs?kind=" + kind)) {
				if (kind.equals(ReadsDatasetJob.KIND) && !path.contains("?")) {
					continue;
				}
				long job = this.jobs.submit(path, body);

				assertReadBy(this.dataset, job, kind, "QUEUED");
				if (readsOther) {
					assertReadBy(this.other, job, kind, "QUEUED");
				}
				else {
					assertThat(AdminHttp.json(this.http.get("/api/datasets/" + this.other)).get("id").asLong())
						.isEqualTo(this.other);
				}
				assertThat(this.http.postJson("/api/jobs/" + job + "/cancel", "").statusCode()).isEqualTo(200);
			}
		});

		assertDeleted(this.dataset);
		assertDeleted(this.other);
	}

	@Test
	void aRunningJobKeepsItsDataSetUntilItFinishesAndIsNotRestartedWithoutIt() {
		long job = this.jobs.submit("/api/jobs/fit-head", fitHead(this.dataset));
		ClaimedJob running = this.queue.claim("test-instance", Set.of("FIT_HEAD")).orElseThrow();
		assertThat(running.id()).isEqualTo(job);

		assertReadBy(this.dataset, job, "FIT_HEAD", "RUNNING");

		assertThat(this.queue.fail(running, "failed by the test")).isTrue();
		assertDeleted(this.dataset);
		HttpResponse<String> restart = this.http.postJson("/api/jobs/" + job + "/restart", "");
		assertProblem(restart, 409, "conflict", "Job " + job + " reads data set " + this.dataset, "no longer exists");
		assertThat(this.queue.require(job).status()).isEqualTo(JobStatus.FAILED);
	}

	@Test
	void aJobOfAKindThisInstanceDoesNotKnowKeepsEveryDataSet() {
		long job = this.queue
			.submit("RUN_ELSEWHERE", JsonNodeFactory.instance.objectNode().put("anything", 1), "someone", null)
			.job()
			.id();

		for (long id : List.of(this.dataset, this.other)) {
			JsonNode problem = assertProblem(this.http.delete("/api/datasets/" + id), 409, "conflict",
					"job " + job + " (RUN_ELSEWHERE, queued, a kind this instance does not run");
			assertThat(problem.get("jobs").get(0).get("id").asLong()).isEqualTo(job);
		}

		assertThat(this.http.postJson("/api/jobs/" + job + "/cancel", "").statusCode()).isEqualTo(200);
		assertDeleted(this.dataset);
	}

	/**
	 * A job reads the data set it stored itself (a calibration stores the cascade's
	 * feedback) as long as it runs, though its parameters name none.
	 */
	@Test
	void aRunningJobKeepsTheDataSetItStored() {
		long job = this.jobs.submit("/api/jobs?kind=" + ReadsDatasetJob.KIND, "{\"datasetId\": " + this.other + "}");
		ClaimedJob running = this.queue.claim("test-instance", Set.of(ReadsDatasetJob.KIND)).orElseThrow();
		assertThat(running.id()).isEqualTo(job);
		long stored = this.datasets
			.storeForJob(new Datasets.Upload(DatasetNames.storedByJob("deletion-it", job), DatasetFormat.TSV,
					"text\tlabel\ngood\tpositive\nbad\tnegative\n".getBytes(StandardCharsets.UTF_8), null, null,
					"test"))
			.id();

		assertReadBy(stored, job, ReadsDatasetJob.KIND, "RUNNING");

		assertThat(this.queue.fail(running, "failed by the test")).isTrue();
		assertDeleted(stored);
	}

	@Test
	void aMissingDataSetIsStillNotFound() {
		assertProblem(this.http.delete("/api/datasets/987654321"), 404, "not-found", "No data set 987654321");
	}

	/**
	 * A deletion is under way (its transaction has deleted the data set and not yet
	 * committed) when a submission that read the data set arrives: the submission waits
	 * for the data set's lock, and only it; a submission reading another data set is
	 * queued meanwhile. Once the deletion commits, the waiting submission finds the data
	 * set gone and is refused rather than queued to fail.
	 */
	@Test
	void aDeletionUnderWayHoldsUpOnlyTheSubmissionsThatReadItsDataSet() throws Exception {
		CompletableFuture<HttpResponse<String>> overtaken = duringDeletion(() -> {
			CompletableFuture<HttpResponse<String>> submission = CompletableFuture
				.supplyAsync(() -> this.http.postJson("/api/jobs/fit-head", fitHead(this.dataset)));
			awaitWaitingForALockOn("admin_datasets");

			// bounded: were it held up too, the deletion would wait for it forever
			HttpResponse<String> unrelated = CompletableFuture
				.supplyAsync(() -> this.http.postJson("/api/jobs/fit-head", fitHead(this.other)))
				.get(30, TimeUnit.SECONDS);
			assertThat(unrelated.statusCode()).as(unrelated.body()).isEqualTo(202);
			assertThat(submission).isNotDone();
			return submission;
		});

		assertProblem(overtaken.get(30, TimeUnit.SECONDS), 400, "invalid-request", "No data set " + this.dataset);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM admin_jobs WHERE parameters LIKE ?", Integer.class,
				"%\"datasetId\":" + this.dataset + "%"))
			.isZero();
	}

	/**
	 * A submission that waits for a deletion under way keeps the other data set it reads
	 * from deletion only: a submission that reads that one too is queued meanwhile.
	 */
	@Test
	void aSubmissionWaitingForADeletionHoldsUpNoOtherSubmission() throws Exception {
		String cascade = LexicalHeads.unloadableCascade(this.registry, "deletion-it-");
		CompletableFuture<HttpResponse<String>> waiting = duringDeletion(this.other, () -> {
			// it keeps the data set with the lower identifier, then waits for the other
			assertThat(this.dataset).isLessThan(this.other);
			CompletableFuture<HttpResponse<String>> distil = CompletableFuture.supplyAsync(
					() -> this.http.postJson("/api/jobs/distil", "{\"model\": \"m\", \"teacherCascade\": \"" + cascade
							+ "\", \"datasetId\": " + this.dataset + ", \"unlabelledDatasetId\": " + this.other + "}"));
			awaitWaitingForALockOn("admin_datasets");

			HttpResponse<String> sharing = CompletableFuture
				.supplyAsync(() -> this.http.postJson("/api/jobs/fit-head", fitHead(this.dataset)))
				.get(30, TimeUnit.SECONDS);
			assertThat(sharing.statusCode()).as(sharing.body()).isEqualTo(202);
			assertThat(distil).isNotDone();
			return distil;
		});

		assertProblem(waiting.get(30, TimeUnit.SECONDS), 400, "invalid-request", "No data set " + this.other);
	}

	/** A restart that a deletion under way overtakes is refused in the same way. */
	@Test
	void aRestartOvertakenByADeletionIsRefused() throws Exception {
		long job = this.jobs.submit("/api/jobs/fit-head", fitHead(this.dataset));
		assertThat(this.http.postJson("/api/jobs/" + job + "/cancel", "").statusCode()).isEqualTo(200);

		CompletableFuture<HttpResponse<String>> restart = duringDeletion(() -> {
			CompletableFuture<HttpResponse<String>> restarting = CompletableFuture
				.supplyAsync(() -> this.http.postJson("/api/jobs/" + job + "/restart", ""));
			awaitWaitingForALockOn("admin_datasets");
			return restarting;
		});

		assertProblem(restart.get(30, TimeUnit.SECONDS), 409, "conflict", "no longer exists");
		assertThat(this.queue.require(job).status()).isEqualTo(JobStatus.CANCELLED);
	}

	/**
	 * A submission holds its data set's lock while it waits for the queue's admission
	 * (held here): a deletion that arrives meanwhile waits for it, then finds the queued
	 * job reading the data set and keeps it.
	 */
	@Test
	void aDeletionOvertakenByASubmissionKeepsTheDataSet() throws Exception {
		HttpResponse<String> submitted;
		CompletableFuture<HttpResponse<String>> deletion;
		try (Connection lock = holdAdmissionLock()) {
			CompletableFuture<HttpResponse<String>> submission = CompletableFuture
				.supplyAsync(() -> this.http.postJson("/api/jobs/fit-head", fitHead(this.dataset)));
			awaitWaitingForALockOn("admin_job_admission");
			deletion = CompletableFuture.supplyAsync(() -> this.http.delete("/api/datasets/" + this.dataset));
			awaitWaitingForALockOn("admin_datasets");

			lock.rollback();
			submitted = submission.get(30, TimeUnit.SECONDS);
		}

		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
		long job = AdminHttp.json(submitted).get("id").asLong();
		assertProblem(deletion.get(30, TimeUnit.SECONDS), 409, "conflict",
				"Data set " + this.dataset + " is read by job " + job);
		assertThat(this.http.get("/api/datasets/" + this.dataset).statusCode()).isEqualTo(200);
	}

	private void assertReadBy(long id, long job, String kind, String status) {
		HttpResponse<String> refused = this.http.delete("/api/datasets/" + id);
		JsonNode problem = assertProblem(refused, 409, "conflict", "Data set " + id + " is read by job " + job + " ("
				+ kind + ", " + status.toLowerCase(Locale.ROOT) + ")", "cancel that job or wait until it has finished");
		assertThat(problem.get("jobs").toString())
			.isEqualTo("[{\"id\":" + job + ",\"kind\":\"" + kind + "\",\"status\":\"" + status + "\"}]");
		assertThat(this.http.get("/api/datasets/" + id).statusCode()).as("kept").isEqualTo(200);
	}

	private void assertDeleted(long id) {
		HttpResponse<String> deleted = this.http.delete("/api/datasets/" + id);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(this.http.get("/api/datasets/" + id).statusCode()).isEqualTo(404);
	}

	/**
	 * Runs an action while a deletion of the data set is under way: in the transaction
	 * that deletes it, before that commits.
	 */
	private <T> T duringDeletion(Callable<T> action) {
		return duringDeletion(this.dataset, action);
	}

	/**
	 * Runs an action while a deletion of a data set is under way: in the transaction that
	 * deletes it, before that commits.
	 */
	private <T> T duringDeletion(long id, Callable<T> action) {
		return Objects.requireNonNull(this.transactions.execute((status) -> {
			this.deletion.delete(id);
			try {
				return action.call();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}));
	}

	/** Locks the queue's admission row in a transaction of its own, until rolled back. */
	private Connection holdAdmissionLock() throws Exception {
		Connection connection = this.dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.execute("SELECT id FROM admin_job_admission WHERE id = 1 FOR UPDATE");
		}
		return connection;
	}

	/** Waits until another session waits for a row lock in a statement on the table. */
	private void awaitWaitingForALockOn(String table) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> this.jdbc
				.queryForObject(
						"SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
								+ "AND query LIKE ? AND pid <> pg_backend_pid()",
						Integer.class, "%" + table + "%") > 0);
	}

	private static String fitHead(long dataset) {
		return "{\"model\": \"m\", \"datasetId\": " + dataset + ", \"encoder\": \"lexical\"}";
	}

	/** Uploads a data set with enough rows of two labels for every kind's checks. */
	private long upload(String name) {
		StringBuilder file = new StringBuilder("text\tlabel\n");
		for (int i = 0; i < 40; i++) {
			file.append("text ").append(i).append('\t').append(i % 2).append('\n');
		}
		return this.jobs.upload(name, file.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The parameters of a job that reads a data set.
	 *
	 * @param datasetId the data set
	 */
	record ReadsDatasetParameters(long datasetId) {

	}

	/**
	 * A kind of job that only the test sources add, one class and its registration: its
	 * parameters name a data set, which is all the queue needs to keep it.
	 */
	static class ReadsDatasetJob implements JobHandler<ReadsDatasetParameters> {

		static final String KIND = "READS_DATASET";

		@Override
		public String kind() {
			return KIND;
		}

		@Override
		public Class<ReadsDatasetParameters> parametersType() {
			return ReadsDatasetParameters.class;
		}

		@Override
		public Set<Long> datasets(ReadsDatasetParameters parameters) {
			return Set.of(parameters.datasetId());
		}

		@Override
		public Object run(ReadsDatasetParameters parameters, JobContext context) {
			return Map.of();
		}

	}

}
