package dev.tango.admin.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.constraints.NotBlank;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.PromptJobs;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs whose attempt throws an {@link Error} rather than an exception, through a kind of
 * job only the test sources add ({@link ErringJob}), on the service's own worker (one job
 * at a time): the job is failed at once, well before the stale sweep would fail it, with
 * an error that says what ran out and that it is not restarted, naming no host path; and
 * the worker's thread runs the next job. A worker whose poll of the queue throws an error
 * polls on.
 */
@AdminIntegrationTest
@PromptJobs
@Import(JobErrorsIT.ErringJob.class)
class JobErrorsIT extends SignedInClientTests {

	@Autowired
	Jobs queue;

	@Autowired
	JobCurves curves;

	@Autowired
	JobMetrics metrics;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JsonMapper json;

	/**
	 * Well under {@code stale-after} (60 s), after which the sweep would fail the job.
	 */
	static final Duration PROMPTLY = Duration.ofSeconds(20);

	@Test
	void aJobThatRunsOutOfMemoryFailsAtOnceSayingSoAndTheWorkerRunsTheNextJob() {
		assertFailsAndTheNextJobRuns("OUT_OF_MEMORY", "Ran out of memory (Java heap space) while allocating the head; "
				+ "the job is not restarted automatically", "a larger -Xmx");
	}

	@Test
	void aJobThatOverflowsItsStackFailsAtOnceSayingSoAndTheWorkerRunsTheNextJob() {
		assertFailsAndTheNextJobRuns("STACK_OVERFLOW",
				"Ran out of stack (StackOverflowError) while recursing; the job is not restarted automatically");
	}

	@Test
	void anyOtherErrorFailsTheJobAtOnceWithoutItsMessage() {
		String error = assertFailsAndTheNextJobRuns("LINKAGE",
				"Failed on an internal error (NoClassDefFoundError) while recursing; "
						+ "the job is not restarted automatically: the instance's log has the details");
		assertThat(error).doesNotContain("/opt/secret");
	}

	@Test
	void aPollThatThrowsAnErrorIsLoggedAndTheWorkerPollsOn() {
		AtomicInteger errors = new AtomicInteger();
		Jobs failingTwice = new Jobs(this.jdbc, this.transactions, this.json, Clock.systemUTC(),
				new JobAdmission.Limits(1000, 1000)) {

			@Override
			public Optional<ClaimedJob> claim(String instanceId, Set<String> kinds) {
				if (errors.incrementAndGet() <= 2) {
					throw new OutOfMemoryError("Java heap space");
				}
				return super.claim(instanceId, kinds);
			}

		};
		RecordingWorkers workers = new RecordingWorkers(this.jdbc, this.transactions, this.curves, this.json,
				this.metrics);
		try {
			workers.start(failingTwice, "polling-on", 1, (parameters, context) -> Map.of("ran", true));
			long id = this.queue.submit(RecordingWorkers.KIND, this.json.readTree("{}"), "test", null).job().id();

			assertThat(awaitEnd(id).get("status").asString()).isEqualTo("SUCCEEDED");
			assertThat(errors.get()).isGreaterThan(2);
		}
		finally {
			workers.stopAll();
		}
	}

	private String assertFailsAndTheNextJobRuns(String kind, String... error) {
		long failing = this.jobs.submit("/api/jobs?kind=ERRING", "{\"error\": \"" + kind + "\"}");
		JsonNode failed = awaitEnd(failing);

		assertThat(failed.get("status").asString()).isEqualTo("FAILED");
		String message = failed.get("error").asString();
		assertThat(message).contains(error).doesNotContain("heartbeat");

		long next = this.jobs.submit("/api/jobs?kind=ERRING", "{\"error\": \"NONE\"}");
		JsonNode succeeded = awaitEnd(next);
		assertThat(succeeded.get("status").asString()).as(succeeded.toString()).isEqualTo("SUCCEEDED");
		assertThat(succeeded.get("result").get("thread").asString()).as("the same worker thread ran on")
			.isEqualTo(ErringJob.THREADS.get(failing));
		return message;
	}

	private JsonNode awaitEnd(long job) {
		JsonNode[] last = new JsonNode[1];
		Awaitility.await().atMost(PROMPTLY).pollInterval(Duration.ofMillis(100)).until(() -> {
			last[0] = AdminHttp.json(this.http.get("/api/jobs/" + job));
			return !Set.of("QUEUED", "RUNNING").contains(last[0].get("status").asString());
		});
		return last[0];
	}

	/**
	 * The parameters of an erring job.
	 *
	 * @param error what its attempt throws: {@code OUT_OF_MEMORY}, {@code STACK_OVERFLOW}
	 * (a real one, recursing), {@code LINKAGE} (a {@link NoClassDefFoundError} whose
	 * message names a host path), or {@code NONE} to succeed
	 */
	record ErringParameters(@NotBlank String error) {

	}

	/**
	 * Throws the error its parameters name, after reporting a phase; notes the thread of
	 * each job it runs.
	 */
	static class ErringJob extends AbstractJobHandler<ErringParameters> {

		/** The thread each job ran on, by job. */
		static final Map<Long, String> THREADS = new ConcurrentHashMap<>();

		ErringJob() {
			super("ERRING", ErringParameters.class);
		}

		@Override
		public Set<Long> datasets(ErringParameters parameters) {
			return Set.of();
		}

		@Override
		public Object run(ErringParameters parameters, JobContext context) {
			THREADS.put(context.jobId(), Thread.currentThread().getName());
			switch (parameters.error()) {
				case "OUT_OF_MEMORY" -> {
					context.progress("allocating the head", 50, 0, null);
					// what the JVM throws when an allocation does not fit the heap
					throw new OutOfMemoryError("Java heap space");
				}
				case "STACK_OVERFLOW" -> {
					context.progress("recursing", 50, 0, null);
					return Map.of("depth", recurse(0));
				}
				case "LINKAGE" -> {
					context.progress("recursing", 50, 0, null);
					throw new NoClassDefFoundError("Could not initialize class /opt/secret/lib/Native");
				}
				default -> {
					return Map.of("thread", Thread.currentThread().getName());
				}
			}
		}

		private static int recurse(int depth) {
			return (depth < Integer.MAX_VALUE) ? recurse(depth + 1) + 1 : depth;
		}

	}

}
