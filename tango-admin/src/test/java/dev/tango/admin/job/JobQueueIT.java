package dev.tango.admin.job;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import com.zaxxer.hikari.HikariDataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.AdminJobs;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job queue on real PostgreSQL, with two "instances": two queues over two connection
 * pools, each with its own worker, as two admin processes would have. The service's own
 * worker is off; the workers here run recording handlers.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class JobQueueIT {

	static final Duration WAIT = Duration.ofSeconds(30);

	/** The kind the recording handlers run. */
	static final String KIND = RecordingWorkers.KIND;

	static final Set<String> KINDS = Set.of(KIND);

	@LocalServerPort
	int port;

	@Autowired
	Jobs jobs;

	@Autowired
	JobCurves curves;

	@Autowired
	JobMetrics metrics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcConnectionDetails connection;

	@Autowired
	JsonMapper json;

	HikariDataSource otherPool;

	Jobs otherJobs;

	AdminHttp http;

	RecordingWorkers workers;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM admin_jobs");
		this.otherPool = new HikariDataSource();
		this.otherPool.setJdbcUrl(this.connection.getJdbcUrl());
		this.otherPool.setUsername(this.connection.getUsername());
		this.otherPool.setPassword(this.connection.getPassword());
		this.otherPool.setMaximumPoolSize(4);
		PlatformTransactionManager transactions = new DataSourceTransactionManager(this.otherPool);
		this.otherJobs = new Jobs(new JdbcTemplate(this.otherPool), transactions, this.json, Clock.systemUTC(),
				new JobAdmission.Limits(1000, 1000));
		this.workers = new RecordingWorkers(this.jdbc, this.transactions, this.curves, this.json, this.metrics);
		this.http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
	}

	@AfterEach
	void tearDown() {
		this.workers.stopAll();
		this.otherPool.close();
	}

	@Test
	void aFitJobForAModelNameThatIsAPathIsRefusedWhenSubmitted() {
		long dataset = new AdminJobs(this.http).upload("names-" + System.nanoTime(),
				"text\tlabel\ngood\t1\nbad\t0\n".getBytes(StandardCharsets.UTF_8));
		for (String name : List.of("../../x", "/etc/cron.d/x", "..", "a/b", "x\\y")) {
			HttpResponse<String> refused = this.http.postJson("/api/jobs/fit-head",
					this.json.writeValueAsString(Map.of("model", name, "datasetId", dataset, "encoder", "lexical")));

			assertThat(refused.statusCode()).as(name + ": " + refused.body()).isEqualTo(400);
			assertThat(AdminHttp.json(refused).get("type").asString())
				.isEqualTo("https://tango.dev/problems/invalid-request");
			assertThat(AdminHttp.json(refused).get("detail").asString()).contains("Invalid model name");
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM admin_jobs", Integer.class)).isZero();
	}

	@Test
	void concurrentClaimsHandOutEveryJobExactlyOnce() throws Exception {
		int count = 300;
		for (int i = 0; i < count; i++) {
			// the other instance's queue admits more jobs than the service's limits
			this.otherJobs.submit(KIND, parameters(i), "test", null).job();
		}
		ExecutorService threads = Executors.newFixedThreadPool(6);
		List<Future<List<Long>>> claims = new ArrayList<>();
		for (int t = 0; t < 6; t++) {
			Jobs queue = (t % 2 == 0) ? this.jobs : this.otherJobs;
			String instance = "instance-" + (t % 2);
			claims.add(threads.submit(() -> {
				List<Long> claimed = new ArrayList<>();
				for (var job = queue.claim(instance, KINDS); job.isPresent(); job = queue.claim(instance, KINDS)) {
					claimed.add(job.get().id());
				}
				return claimed;
			}));
		}
		List<Long> all = new ArrayList<>();
		List<Integer> perInstance = new ArrayList<>(List.of(0, 0));
		for (int t = 0; t < claims.size(); t++) {
			List<Long> claimed = claims.get(t).get(60, TimeUnit.SECONDS);
			all.addAll(claimed);
			perInstance.set(t % 2, perInstance.get(t % 2) + claimed.size());
		}
		threads.shutdown();

		assertThat(all).hasSize(count).doesNotHaveDuplicates();
		assertThat(perInstance).allMatch((claimed) -> claimed > 0);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM admin_jobs WHERE status = 'RUNNING' AND attempt = 1",
				Integer.class))
			.isEqualTo(count);
	}

	@Test
	void twoWorkersRunEveryJobOnce() {
		Map<Long, List<String>> runs = new ConcurrentHashMap<>();
		Set<String> started = ConcurrentHashMap.newKeySet();
		CountDownLatch bothStarted = new CountDownLatch(2);
		BiFunction<JsonNode, JobContext, Object> record = (parameters, context) -> {
			String instance = context.job().instanceId();
			runs.computeIfAbsent(context.jobId(), (id) -> Collections.synchronizedList(new ArrayList<>()))
				.add(instance);
			if (started.add(instance)) {
				// each worker's first job waits for the other worker to start one too
				bothStarted.countDown();
				await(bothStarted);
			}
			RecordingWorkers.sleep(20);
			return Map.of("ran", context.jobId());
		};
		worker(this.jobs, "worker-a", 2, record);
		worker(this.otherJobs, "worker-b", 2, record);
		List<Long> ids = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			ids.add(this.jobs.submit(KIND, parameters(i), "test", null).job().id());
		}

		Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.jobs.list(JobStatus.SUCCEEDED, null, 100).size() == ids.size());

		assertThat(runs.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(runs.values()).allSatisfy((instances) -> assertThat(instances).hasSize(1));
		assertThat(started).containsExactlyInAnyOrder("worker-a", "worker-b");
		for (long id : ids) {
			Job job = this.jobs.require(id);
			assertThat(job.attempt()).isEqualTo(1);
			assertThat(job.result().get("ran").asLong()).isEqualTo(id);
			assertThat(job.progress().percent()).isEqualTo(100.0);
		}
	}

	@Test
	void queuedAndRunningJobsCanBeCancelled() {
		long running = runUntilCancelled("test");
		long queued = this.jobs.submit(KIND, parameters(2), "test", null).job().id();

		JsonNode cancelledAtOnce = AdminHttp.json(this.http.postJson("/api/jobs/" + queued + "/cancel", "{}"));
		JsonNode askedToStop = AdminHttp.json(this.http.postJson("/api/jobs/" + running + "/cancel", "{}"));

		assertThat(cancelledAtOnce.get("status").asString()).isEqualTo("CANCELLED");
		assertThat(askedToStop.get("status").asString()).isEqualTo("RUNNING");
		assertThat(askedToStop.get("cancelRequested").asBoolean()).isTrue();
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(running).status() == JobStatus.CANCELLED);
		assertThat(this.jobs.require(running).progress().percent()).isLessThan(100);
		HttpResponse<String> again = this.http.postJson("/api/jobs/" + running + "/cancel", "{}");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(AdminHttp.json(again).get("type").asString()).isEqualTo("https://tango.dev/problems/conflict");
		assertThat(this.http.postJson("/api/jobs/999999/cancel", "{}").statusCode()).isEqualTo(404);
	}

	@Test
	void aFilteredCancellationCancelsQueuedJobsAtOnceAndStopsRunningOnesLeavingTheRest() {
		long running = runUntilCancelled("alice");
		long queued = this.jobs.submit(KIND, parameters(2), "alice", null).job().id();
		// the worker runs KIND only: jobs of another kind stay queued whatever it does
		long othersJob = this.jobs.submit("OTHER_KIND", parameters(3), "bob", null).job().id();
		long otherKind = this.jobs.submit("OTHER_KIND", parameters(4), "alice", null).job().id();
		long finished = this.jobs.submit("OTHER_KIND", parameters(5), "alice", null).job().id();
		this.jdbc.update("UPDATE admin_jobs SET status = 'FAILED', finished_at = now() WHERE id = ?", finished);

		HttpResponse<String> response = this.http
			.postJson("/api/jobs/cancellations?createdBy=alice&kind=" + KIND.toLowerCase(Locale.ROOT), "{}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode cancelled = AdminHttp.json(response);
		assertThat(cancelled.valueStream().map((job) -> job.get("id").asLong())).containsExactly(queued, running);
		assertThat(cancelled.get(0).get("status").asString()).isEqualTo("CANCELLED");
		assertThat(cancelled.get(1).get("status").asString()).isEqualTo("RUNNING");
		assertThat(cancelled.get(1).get("cancelRequested").asBoolean()).isTrue();
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(running).status() == JobStatus.CANCELLED);
		assertThat(this.jobs.require(othersJob).status()).isEqualTo(JobStatus.QUEUED);
		assertThat(this.jobs.require(otherKind).status()).isEqualTo(JobStatus.QUEUED);
		assertThat(this.jobs.require(finished).status()).isEqualTo(JobStatus.FAILED);

		// only ASCII letters are folded: a dotless i is no I, and names no kind
		for (String query : List.of("kind=", "createdBy=%20", "status=queued&status=running", "kind=A&kind=B",
				"kind=other_k%C4%B1nd", "kind=fit-head", "kind=FIT_HEAD,EVALUATE")) {
			HttpResponse<String> odd = this.http.postJson("/api/jobs/cancellations?" + query, "{}");
			assertThat(odd.statusCode()).as(query + ": " + odd.body()).isEqualTo(400);
		}
		// a comma is part of a user's name; a kind this instance does not run is matched
		for (String query : List.of("createdBy=alice,bob", "kind=elsewhere_only")) {
			HttpResponse<String> none = this.http.postJson("/api/jobs/cancellations?" + query, "{}");
			assertThat(none.statusCode()).as(query + ": " + none.body()).isEqualTo(200);
			assertThat(AdminHttp.json(none)).as(query).isEmpty();
		}
		assertThat(this.jobs.require(othersJob).status()).isEqualTo(JobStatus.QUEUED);

		JsonNode drained = AdminHttp.json(this.http.postJson("/api/jobs/cancellations?status=queued", "{}"));
		assertThat(drained.valueStream().map((job) -> job.get("id").asLong())).containsExactly(otherKind, othersJob);
		assertThat(this.jobs.require(finished).status()).isEqualTo(JobStatus.FAILED);
		assertThat(AdminHttp.json(this.http.postJson("/api/jobs/cancellations?createdBy=nobody", "{}"))).isEmpty();

		HttpResponse<String> unfiltered = this.http.postJson("/api/jobs/cancellations", "{}");
		assertThat(unfiltered.statusCode()).as(unfiltered.body()).isEqualTo(400);
		assertThat(AdminHttp.json(unfiltered).get("detail").asString()).startsWith("Name the jobs to cancel");
		HttpResponse<String> finishedState = this.http.postJson("/api/jobs/cancellations?status=failed", "{}");
		assertThat(finishedState.statusCode()).as(finishedState.body()).isEqualTo(400);
		assertThat(AdminHttp.json(finishedState).get("detail").asString()).contains("QUEUED or RUNNING");
	}

	@Test
	void aJobAskedToCancelWhoseInstanceDiedIsCancelled() {
		long id = this.jobs.submit(KIND, parameters(8), "test", null).job().id();
		// an instance claims the job, then dies; the job is asked to cancel meanwhile
		this.otherJobs.claim("dead-instance", KINDS).orElseThrow();
		HttpResponse<String> cancel = this.http.postJson("/api/jobs/" + id + "/cancel", "");
		assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
		worker(this.jobs, "worker-a", 1, (parameters, context) -> Map.of("attempt", context.attempt()));

		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(id).status() == JobStatus.CANCELLED);
		assertThat(this.jobs.require(id).error()).contains("dead-instance", "after it was asked to cancel the job");
	}

	@Test
	void aJobWhoseInstanceDiedIsFailedAndCanBeRestarted() {
		long id = this.jobs.submit(KIND, parameters(7), "test", null).job().id();
		// an instance claims the job, then dies: it never beats again
		ClaimedJob dead = this.otherJobs.claim("dead-instance", KINDS).orElseThrow();
		worker(this.jobs, "worker-a", 1, (parameters, context) -> Map.of("attempt", context.attempt()));

		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(id).status() == JobStatus.FAILED);
		assertThat(this.jobs.require(id).error()).contains("dead-instance", "stopped sending heartbeats");

		HttpResponse<String> restarted = this.http.postJson("/api/jobs/" + id + "/restart", "{}");
		assertThat(restarted.statusCode()).isEqualTo(200);
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(id).status() == JobStatus.SUCCEEDED);
		Job job = this.jobs.require(id);
		assertThat(job.attempt()).isEqualTo(2);
		assertThat(job.instanceId()).isEqualTo("worker-a");
		assertThat(job.result().get("attempt").asInt()).isEqualTo(2);
		assertThat(job.error()).isNull();

		// the dead instance comes back: nothing it writes about its attempt counts
		assertThat(this.otherJobs.progress(dead, new Job.Progress(50, "late", 1, 2L, null))).isFalse();
		assertThat(this.otherJobs.fail(dead, "late failure")).isFalse();
		assertThat(this.otherJobs.heartbeat(List.of(dead))).containsExactly(dead);
		assertThat(this.jobs.require(id).status()).isEqualTo(JobStatus.SUCCEEDED);
		assertThat(this.http.postJson("/api/jobs/" + id + "/restart", "{}").statusCode()).isEqualTo(409);
	}

	@Test
	void progressNeverGoesBackwards() {
		double[] reported = { 5, 20, 15, 40, 35, 60, 80, 70, 95 };
		worker(this.jobs, "worker-a", 1, (parameters, context) -> {
			for (int i = 0; i < reported.length; i++) {
				context.progress("stepping", reported[i], i, (long) reported.length);
				RecordingWorkers.sleep(300);
			}
			return Map.of();
		});
		long id = this.jobs.submit(KIND, parameters(1), "test", null).job().id();
		List<Double> seen = new ArrayList<>();
		List<Long> items = new ArrayList<>();
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
			JsonNode job = AdminHttp.json(this.http.get("/api/jobs/" + id));
			seen.add(job.get("progress").get("percent").asDouble());
			items.add(job.get("progress").get("itemsDone").asLong());
			return job.get("status").asString().equals("SUCCEEDED");
		});

		assertThat(seen).isSorted().contains(20.0, 40.0, 60.0, 80.0, 100.0).doesNotContain(15.0, 35.0, 70.0);
		assertThat(items).isSorted();
		Job job = this.jobs.require(id);
		assertThat(job.progress().phase()).isEqualTo("stepping");
		assertThat(job.progress().etaAt()).isNotNull();
	}

	@Test
	void anInstanceClaimsOnlyTheKindsItRuns() {
		long other = this.jobs.submit("OTHER_KIND", parameters(1), "test", null).job().id();
		long mine = this.jobs.submit(KIND, parameters(2), "test", null).job().id();

		assertThat(this.jobs.claim("instance", KINDS)).map(ClaimedJob::id).contains(mine);
		assertThat(this.jobs.claim("instance", KINDS)).isEmpty();
		assertThat(this.jobs.require(other).status()).isEqualTo(JobStatus.QUEUED);
		assertThat(this.jobs.claim("instance", Set.of("OTHER_KIND", KIND))).map(ClaimedJob::id).contains(other);
	}

	@Test
	void theQueueKeepsTheHighestProgressOfAnAttempt() {
		this.jobs.submit(KIND, parameters(1), "test", null).job();
		ClaimedJob claimed = this.jobs.claim("instance", KINDS).orElseThrow();

		assertThat(this.jobs.progress(claimed, new Job.Progress(50, "phase", 10, 20L, null))).isTrue();
		assertThat(this.jobs.progress(claimed, new Job.Progress(30, "phase", 5, 20L, null))).isTrue();
		Job.Progress kept = this.jobs.require(claimed.id()).progress();
		assertThat(this.jobs.progress(claimed, new Job.Progress(40, "next phase", 2, 8L, null))).isTrue();
		Job.Progress next = this.jobs.require(claimed.id()).progress();

		assertThat(kept.percent()).isEqualTo(50);
		assertThat(kept.itemsDone()).isEqualTo(10);
		assertThat(next.percent()).isEqualTo(50);
		assertThat(next.phase()).isEqualTo("next phase");
		assertThat(next.itemsDone()).isEqualTo(2);
		assertThat(next.itemsTotal()).isEqualTo(8);
	}

	@Test
	void failuresAreRecordedReadably() {
		AtomicInteger calls = new AtomicInteger();
		worker(this.jobs, "worker-a", 1, (parameters, context) -> {
			if (calls.incrementAndGet() == 1) {
				throw new JobFailedException("The data set has one class only");
			}
			throw new IllegalStateException("unexpected", new ArithmeticException("division by zero"));
		});
		long readable = this.jobs.submit(KIND, parameters(1), "test", null).job().id();
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(readable).status() == JobStatus.FAILED);
		long unexpected = this.jobs.submit(KIND, parameters(2), "test", null).job().id();
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(unexpected).status() == JobStatus.FAILED);

		assertThat(this.jobs.require(readable).error()).isEqualTo("The data set has one class only");
		assertThat(this.jobs.require(unexpected).error()).isEqualTo("unexpected: division by zero");
	}

	/**
	 * Starts a worker whose jobs run until cancelled, and one such job of a user.
	 * @return the running job
	 */
	private long runUntilCancelled(String user) {
		worker(this.jobs, "worker-a", 1, (parameters, context) -> {
			for (int i = 0; i < 3000; i++) {
				context.progress("waiting to be cancelled", 0, 100, i, 3000);
				RecordingWorkers.sleep(10);
			}
			return Map.of();
		});
		long running = this.jobs.submit(KIND, parameters(1), user, null).job().id();
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(running).status() == JobStatus.RUNNING);
		return running;
	}

	private void worker(Jobs queue, String instance, int concurrency, BiFunction<JsonNode, JobContext, Object> body) {
		this.workers.start(queue, instance, concurrency, body);
	}

	private static JsonNode parameters(int value) {
		return JsonNodeFactory.instance.objectNode().put("value", value);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
