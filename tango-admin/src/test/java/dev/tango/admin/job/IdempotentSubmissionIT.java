package dev.tango.admin.job;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.LexicalHeads;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job submissions with and without an {@code Idempotency-Key}, into a full queue or past
 * a user's share of it, and refused for parameters that leave out or name what they must
 * not, over real HTTP against PostgreSQL. The worker is off, so the jobs stay queued; at
 * most 3 jobs may wait, 2 of them one user's.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false", "tango.admin.jobs.max-queued=3",
		"tango.admin.jobs.max-queued-per-user=2" })
class IdempotentSubmissionIT extends SignedInClientTests {

	/** Who submits the jobs queued here besides the signed-in user. */
	static final String SOMEONE_ELSE = "someone-else";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Jobs queue;

	String body;

	long dataset;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM admin_jobs");
		long dataset = this.jobs.upload("idempotency-" + UUID.randomUUID(),
				"text\tlabel\ngood\t1\nbad\t0\nfine\t1\nawful\t0\n".getBytes(StandardCharsets.UTF_8));
		this.body = "{\"model\": \"idempotent\", \"datasetId\": " + dataset + ", \"encoder\": \"lexical\"}";
		this.dataset = dataset;
	}

	@Test
	void aRetryIsAnsweredWithItsJobBeforeItIsCheckedAgainstWhatMayBeGoneSince() {
		String key = UUID.randomUUID().toString();
		long id = AdminHttp.json(submit(this.body, key)).get("id").asLong();
		assertThat(this.http.delete("/api/datasets/" + this.dataset).statusCode()).as("read by the queued job")
			.isEqualTo(409);
		assertThat(this.http.postJson("/api/jobs/" + id + "/cancel", "").statusCode()).isEqualTo(200);
		HttpResponse<String> deleted = this.http.delete("/api/datasets/" + this.dataset);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(submit(this.body, null).statusCode()).as("a new submission is checked").isEqualTo(400);

		HttpResponse<String> again = submit(this.body, key);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(AdminHttp.json(again).get("id").asLong()).isEqualTo(id);
		assertThat(queuedJobs()).isEqualTo(1);
	}

	@Test
	void aFullQueueRefusesNewJobsWithRetryAfterButAnswersRetriesWithTheirJobs() {
		String key = UUID.randomUUID().toString();
		long first = AdminHttp.json(submit(this.body, key)).get("id").asLong();
		queueForSomeoneElse();
		queueForSomeoneElse();

		HttpResponse<String> full = submit(this.body, UUID.randomUUID().toString());
		assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
		assertThat(full.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(full.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		assertThat(AdminHttp.json(full).get("type").asString()).isEqualTo("https://tango.dev/problems/queue-full");
		assertThat(AdminHttp.json(full).get("detail").asString()).contains("3 jobs waiting, at most 3");
		assertThat(queuedJobs()).isEqualTo(3);

		HttpResponse<String> retry = submit(this.body, key);
		assertThat(retry.statusCode()).as("a retry of a queued job is no new job").isEqualTo(200);
		assertThat(AdminHttp.json(retry).get("id").asLong()).isEqualTo(first);
		assertThat(this.http.postJson("/api/jobs/" + first + "/cancel", "").statusCode()).isEqualTo(200);
		assertThat(submit(this.body, null).statusCode()).as("room again").isEqualTo(202);
	}

	@Test
	void submissionsAtOnceDoNotTogetherPassAUsersShare() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(12);
		try {
			List<Future<HttpResponse<String>>> sent = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				sent.add(clients.submit(() -> submit(this.body, null)));
			}
			List<Integer> statuses = new ArrayList<>();
			for (Future<HttpResponse<String>> response : sent) {
				statuses.add(response.get(60, TimeUnit.SECONDS).statusCode());
			}

			assertThat(statuses).containsOnly(202, 429).filteredOn((status) -> status == 202).hasSize(2);
			assertThat(queuedJobs()).isEqualTo(2);
		}
		finally {
			clients.shutdownNow();
		}
	}

	@Test
	void aRestartIsAdmittedAsASubmissionIsCountingTheJobsOwner() {
		long cancelled = AdminHttp.json(submit(this.body, null)).get("id").asLong();
		assertThat(this.http.postJson("/api/jobs/" + cancelled + "/cancel", "").statusCode()).isEqualTo(200);
		long second = AdminHttp.json(submit(this.body, null)).get("id").asLong();
		assertThat(submit(this.body, null).statusCode()).isEqualTo(202);

		HttpResponse<String> refused = this.http.postJson("/api/jobs/" + cancelled + "/restart", "");
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(AdminHttp.json(refused).get("detail").asString())
			.startsWith("User " + AdminIntegrationTest.USER + " has 2 jobs waiting, at most 2 per user");
		assertThat(this.queue.require(cancelled).status()).isEqualTo(JobStatus.CANCELLED);

		assertThat(this.http.postJson("/api/jobs/" + second + "/cancel", "").statusCode()).isEqualTo(200);
		HttpResponse<String> restarted = this.http.postJson("/api/jobs/" + cancelled + "/restart", "");
		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
		assertThat(this.queue.require(cancelled).status()).isEqualTo(JobStatus.QUEUED);
	}

	@Test
	void aUserWithTooManyQueuedJobsIsRefusedWithRetryAfterButAnswersRetriesWithTheirJobs() {
		String key = UUID.randomUUID().toString();
		long first = AdminHttp.json(submit(this.body, key)).get("id").asLong();
		assertThat(submit(this.body, null).statusCode()).isEqualTo(202);

		HttpResponse<String> tooMany = submit(this.body, UUID.randomUUID().toString());
		assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(429);
		assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(tooMany.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		assertThat(AdminHttp.json(tooMany).get("type").asString())
			.isEqualTo("https://tango.dev/problems/too-many-queued-jobs");
		assertThat(AdminHttp.json(tooMany).get("detail").asString()).contains("2 jobs waiting, at most 2 per user");
		HttpResponse<String> page = this.http.postJson("/api/jobs/fit-head", this.body, "Accept",
				"text/html,application/xhtml+xml,*/*;q=0.8");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(429);
		assertThat(page.headers().firstValue("Retry-After")).as("kept on the page").hasValue("30");
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
		assertThat(page.body()).contains("2 jobs waiting, at most 2 per user");
		HttpResponse<String> htmlOnly = this.http.postJson("/api/jobs/fit-head", this.body, "Accept", "text/html");
		assertThat(htmlOnly.statusCode()).as("refused before anything is done").isEqualTo(406);
		String missingDataset = this.body.replace("\"datasetId\": " + this.dataset, "\"datasetId\": 987654321");
		assertThat(submit(missingDataset, null).statusCode()).as("refused before the parameters are checked")
			.isEqualTo(429);
		assertThat(queuedJobs()).isEqualTo(2);

		HttpResponse<String> retry = submit(this.body, key);
		assertThat(retry.statusCode()).as("a retry of a queued job is no new job").isEqualTo(200);
		assertThat(AdminHttp.json(retry).get("id").asLong()).isEqualTo(first);
		assertThat(this.queue.claim("instance", Set.of("FIT_HEAD"))).as("a running job waits no more").isPresent();
		assertThat(submit(this.body, null).statusCode()).as("room again").isEqualTo(202);
	}

	@Test
	void aMissingDataSetIsInvalidParametersOfEveryKindThroughEitherDoor() {
		String cascade = LexicalHeads.unloadableCascade(this.registry, "submission-it-");
		HttpResponse<String> deleted = this.http.delete("/api/datasets/" + this.dataset);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("FIT_HEAD", "{\"model\": \"m\", \"datasetId\": %d, \"encoder\": \"lexical\"}");
		bodies.put("FINE_TUNE", "{\"model\": \"m\", \"datasetId\": %d, \"encoder\": \"all-minilm-l6-v2\"}");
		bodies.put("DISTIL", "{\"model\": \"m\", \"teacherCascade\": \"" + cascade + "\", \"datasetId\": %d}");
		bodies.put("EVALUATE", "{\"cascade\": \"" + cascade + "\", \"datasetId\": %d}");
		bodies.put("CALIBRATE", "{\"cascade\": \"" + cascade + "\", \"datasetId\": %d}");
		bodies.put("BULK_CLASSIFY", "{\"cascade\": \"" + cascade + "\", \"datasetId\": %d}");
		assertInvalidThroughEitherDoor(bodies, "No data set " + this.dataset);
	}

	@Test
	void aMissingCascadeIsInvalidParametersOfEveryKindThatNamesOneThroughEitherDoor() {
		Map<String, String> bodies = new LinkedHashMap<>();
		bodies.put("DISTIL", "{\"model\": \"m\", \"teacherCascade\": \"no-such-cascade\", \"datasetId\": %d}");
		bodies.put("EVALUATE", "{\"cascade\": \"no-such-cascade\", \"datasetId\": %d}");
		bodies.put("CALIBRATE", "{\"cascade\": \"no-such-cascade\", \"datasetId\": %d}");
		bodies.put("BULK_CLASSIFY", "{\"cascade\": \"no-such-cascade\", \"datasetId\": %d}");
		assertInvalidThroughEitherDoor(bodies, "no-such-cascade");
	}

	/**
	 * Submits each kind's body, the data set's id put in, through its typed endpoint and
	 * through {@code ?kind=}, and expects 400 invalid-request with the detail.
	 */
	private void assertInvalidThroughEitherDoor(Map<String, String> bodies, String detail) {
		bodies.forEach((kind, template) -> {
			String body = template.formatted(this.dataset);
			String typed = "/api/jobs/" + kind.toLowerCase(Locale.ROOT).replace('_', '-');
			for (HttpResponse<String> refused : List.of(this.http.postJson(typed, body),
					this.http.postJson("/api/jobs?kind=" + kind, body))) {
				String where = refused.request().uri().getPath() + "?" + refused.request().uri().getQuery();
				assertThat(refused.statusCode()).as(where + ": " + refused.body()).isEqualTo(400);
				assertThat(AdminHttp.json(refused).get("type").asString())
					.isEqualTo("https://tango.dev/problems/invalid-request");
				assertThat(AdminHttp.json(refused).get("detail").asString()).as(where).contains(detail);
			}
		});
		assertThat(queuedJobs()).isZero();
	}

	@Test
	void aLeftOutRequiredNumberIsNamedThroughEitherDoor() {
		String body = "{\"model\": \"m\", \"encoder\": \"lexical\"}";
		HttpResponse<String> typed = this.http.postJson("/api/jobs/fit-head", body);
		assertThat(typed.statusCode()).as(typed.body()).isEqualTo(400);
		assertThat(AdminHttp.json(typed).get("detail").asString())
			.isEqualTo("Missing required field 'datasetId' at $.datasetId: expected a whole number");

		HttpResponse<String> generic = this.http.postJson("/api/jobs?kind=FIT_HEAD", body);
		assertThat(generic.statusCode()).as(generic.body()).isEqualTo(400);
		assertThat(AdminHttp.json(generic).get("type").asString())
			.isEqualTo("https://tango.dev/problems/invalid-request");
		assertThat(AdminHttp.json(generic).get("detail").asString())
			.isEqualTo("Invalid parameters for job kind FIT_HEAD: Missing required field 'datasetId' at $.datasetId: "
					+ "expected a whole number");

		HttpResponse<String> explicitNull = this.http.postJson("/api/jobs/evaluate",
				"{\"cascade\": \"c\", \"datasetId\": null}");
		assertThat(explicitNull.statusCode()).as(explicitNull.body()).isEqualTo(400);
		assertThat(AdminHttp.json(explicitNull).get("detail").asString())
			.isEqualTo("Invalid value at $.datasetId: expected a whole number");
		assertThat(queuedJobs()).isZero();
	}

	@Test
	void parametersTooLongToKeepAreRefusedBeforeAnythingIsStored() {
		String description = "x".repeat(Jobs.MAX_PARAMETERS_LENGTH);
		HttpResponse<String> refused = submit(
				this.body.replace("\"encoder\"", "\"description\": \"" + description + "\", \"encoder\""),
				UUID.randomUUID().toString());
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(AdminHttp.json(refused).get("detail").asString()).contains("characters long as JSON",
				"at most " + Jobs.MAX_PARAMETERS_LENGTH);
		assertThat(queuedJobs()).isZero();
		assertThat(submit(this.body, null).statusCode()).isEqualTo(202);
	}

	@Test
	void aRepeatedSubmissionWithTheSameKeyReturnsTheFirstJob() {
		String key = UUID.randomUUID().toString();
		HttpResponse<String> first = submit(this.body, key);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
		long id = AdminHttp.json(first).get("id").asLong();

		HttpResponse<String> again = submit(this.body, key);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(AdminHttp.json(again).get("id").asLong()).isEqualTo(id);
		assertThat(again.headers().firstValue("Location")).hasValue("/api/jobs/" + id);
		assertThat(queuedJobs()).isEqualTo(1);
	}

	@Test
	void theSameKeyWithOtherParametersIsRefused() {
		String key = UUID.randomUUID().toString();
		long id = AdminHttp.json(submit(this.body, key)).get("id").asLong();
		HttpResponse<String> other = submit(this.body.replace("\"idempotent\"", "\"another\""), key);
		assertThat(other.statusCode()).as(other.body()).isEqualTo(422);
		assertThat(other.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/problem+json"));
		assertThat(AdminHttp.json(other).get("type").asString())
			.isEqualTo("https://tango.dev/problems/idempotency-key-reused");
		assertThat(AdminHttp.json(other).get("jobId").asLong()).isEqualTo(id);
		assertThat(queuedJobs()).isEqualTo(1);
	}

	@Test
	void withoutAKeyEverySubmissionQueuesANewJob() {
		long first = AdminHttp.json(submit(this.body, null)).get("id").asLong();
		long second = AdminHttp.json(submit(this.body, null)).get("id").asLong();
		assertThat(second).isNotEqualTo(first);
		assertThat(queuedJobs()).isEqualTo(2);
	}

	@Test
	void concurrentSubmissionsWithOneKeyQueueOneJob() throws Exception {
		String key = UUID.randomUUID().toString();
		int clients = 8;
		ExecutorService threads = Executors.newFixedThreadPool(clients);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			responses.add(threads.submit(() -> {
				start.await();
				return submit(this.body, key);
			}));
		}
		start.countDown();
		List<Integer> statuses = new ArrayList<>();
		List<Long> ids = new ArrayList<>();
		for (Future<HttpResponse<String>> response : responses) {
			HttpResponse<String> answer = response.get(60, TimeUnit.SECONDS);
			statuses.add(answer.statusCode());
			ids.add(AdminHttp.json(answer).get("id").asLong());
		}
		threads.shutdown();
		assertThat(statuses).containsOnly(200, 202).filteredOn((status) -> status == 202).hasSize(1);
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(queuedJobs()).isEqualTo(1);
	}

	@Test
	void refusesKeysThatAreNotShortVisibleText() {
		HttpResponse<String> tooLong = submit(this.body, "k".repeat(256));
		assertThat(tooLong.statusCode()).as(tooLong.body()).isEqualTo(400);
		assertThat(AdminHttp.json(tooLong).get("detail").asString()).contains("Idempotency-Key");
		assertThat(submit(this.body, "two words").statusCode()).isEqualTo(400);
		// how a server sees two Idempotency-Key headers
		assertThat(submit(this.body, "k1,k2").statusCode()).isEqualTo(400);
		assertThat(queuedJobs()).isZero();
	}

	private HttpResponse<String> submit(String json, String key) {
		return (key != null) ? this.http.postJson("/api/jobs/fit-head", json, "Idempotency-Key", key)
				: this.http.postJson("/api/jobs/fit-head", json);
	}

	private void queueForSomeoneElse() {
		this.queue.submit("FIT_HEAD", JsonNodeFactory.instance.objectNode().put("model", "theirs"), SOMEONE_ELSE, null);
	}

	private int queuedJobs() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM admin_jobs", Integer.class);
	}

}
