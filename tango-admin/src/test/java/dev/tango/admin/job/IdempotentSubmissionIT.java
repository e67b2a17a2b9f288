package dev.tango.admin.job;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Job submissions with and without an {@code Idempotency-Key}, and into a full queue,
 * over real HTTP against PostgreSQL. The worker is off, so the jobs stay queued.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false", "tango.admin.jobs.max-queued=3" })
class IdempotentSubmissionIT extends SignedInClientTests {

	@Autowired
	JdbcTemplate jdbc;

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
		HttpResponse<String> deleted = this.http.delete("/api/datasets/" + this.dataset);
		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
		assertThat(submit(this.body, null).statusCode()).as("a new submission is checked").isEqualTo(404);

		HttpResponse<String> again = submit(this.body, key);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
		assertThat(AdminHttp.json(again).get("id").asLong()).isEqualTo(id);
		assertThat(queuedJobs()).isEqualTo(1);
	}

	@Test
	void aFullQueueRefusesNewJobsWithRetryAfterButAnswersRetriesWithTheirJobs() {
		String key = UUID.randomUUID().toString();
		long first = AdminHttp.json(submit(this.body, key)).get("id").asLong();
		assertThat(submit(this.body, null).statusCode()).isEqualTo(202);
		assertThat(submit(this.body, null).statusCode()).isEqualTo(202);

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

	private int queuedJobs() {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM admin_jobs", Integer.class);
	}

}
