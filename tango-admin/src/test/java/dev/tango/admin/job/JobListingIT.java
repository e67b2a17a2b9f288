package dev.tango.admin.job;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;
import dev.tango.admin.testing.Problems;
import dev.tango.admin.testing.SignedInClientTests;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing jobs over real HTTP against PostgreSQL: by status, in any case, and a page at a
 * time, newest first, following the {@code Link} header. The worker is off, so the jobs
 * stay where the test puts them; the context is {@link JobQueueIT}'s.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class JobListingIT extends SignedInClientTests {

	private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Jobs queue;

	@Autowired
	JobCommands commands;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM admin_jobs");
	}

	@Test
	void aStatusIsReadInAnyCaseAndAnUnknownOneIsRefusedWithTheValidOnes() {
		long cancelled = queue(1);
		long queued = queue(2);
		this.commands.cancel(cancelled);

		assertThat(ids(this.http.get("/api/jobs?status=queued"))).containsExactly(queued);
		assertThat(ids(this.http.get("/api/jobs?status=Cancelled"))).containsExactly(cancelled);
		assertThat(ids(this.http.get("/api/jobs?status=QUEUED"))).containsExactly(queued);
		assertThat(ids(this.http.get("/api/jobs?status="))).containsExactly(queued, cancelled);

		HttpResponse<String> unknown = this.http.get("/api/jobs?status=waiting");
		assertThat(Problems.assertProblem(unknown, 400, "invalid-request").get("detail").asString())
			.isEqualTo("Parameter 'status' must be one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED (in any case)");
	}

	@Test
	void pagesFollowTheLinkHeaderNewestFirstWithoutSkippingOrRepeatingAJob() {
		List<Long> oldestFirst = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			oldestFirst.add(queue(i));
		}
		List<Long> newestFirst = oldestFirst.reversed();

		HttpResponse<String> page = this.http.get("/api/jobs?limit=2");
		assertThat(ids(page)).containsExactly(newestFirst.get(0), newestFirst.get(1));
		assertThat(next(page)).hasValue("/api/jobs?before=" + newestFirst.get(1) + "&limit=2");
		List<Long> seen = new ArrayList<>(ids(page));
		long queuedWhilePaging = queue(5);
		int pages = 1;
		for (Optional<String> next = next(page); next.isPresent(); next = next(page)) {
			page = this.http.get(next.get());
			seen.addAll(ids(page));
			pages++;
		}
		assertThat(seen).containsExactlyElementsOf(newestFirst);
		assertThat(pages).isEqualTo(3);

		HttpResponse<String> all = this.http.get("/api/jobs?limit=6");
		assertThat(ids(all)).hasSize(6).startsWith(queuedWhilePaging);
		assertThat(next(all)).as("a full page with nothing after it").isEmpty();

		this.commands.cancel(oldestFirst.get(3));
		HttpResponse<String> queued = this.http.get("/api/jobs?status=queued&limit=2");
		assertThat(ids(queued)).containsExactly(queuedWhilePaging, oldestFirst.get(4));
		assertThat(next(queued)).as("the next page keeps the status")
			.hasValue("/api/jobs?status=QUEUED&before=" + oldestFirst.get(4) + "&limit=2");
		HttpResponse<String> rest = this.http.get(next(queued).orElseThrow());
		assertThat(ids(rest)).containsExactly(oldestFirst.get(2), oldestFirst.get(1));
		assertThat(ids(this.http.get(next(rest).orElseThrow()))).containsExactly(oldestFirst.get(0));
	}

	@Test
	void aLimitOutOfRangeOrABeforeThatIsNoJobIdIsRefused() {
		queue(1);
		for (String limit : List.of("0", "-5", "1001")) {
			HttpResponse<String> refused = this.http.get("/api/jobs?limit=" + limit);
			assertThat(Problems.assertProblem(refused, 400, "invalid-request").get("detail").asString())
				.startsWith("limit must be 1 to 1000, was " + limit);
		}
		for (String before : List.of("0", "-3")) {
			HttpResponse<String> refused = this.http.get("/api/jobs?before=" + before);
			assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
			assertThat(AdminHttp.json(refused).get("detail").asString())
				.isEqualTo("before must be a job id, 1 or more, was " + before);
		}
		HttpResponse<String> twice = this.http.get("/api/jobs?limit=1&limit=2");
		assertThat(twice.statusCode()).as(twice.body()).isEqualTo(400);
		assertThat(AdminHttp.json(twice).get("detail").asString())
			.isEqualTo("Give the parameter 'limit' once, not 2 times");
		assertThat(ids(this.http.get("/api/jobs?limit=1000&before=1"))).isEmpty();
		assertThat(ids(this.http.get("/api/jobs?limit=1"))).hasSize(1);
	}

	@Test
	void aPathThatIsNoJobIdNamesNoJob() {
		HttpResponse<String> cancellations = this.http.get("/api/jobs/cancellations");
		assertThat(cancellations.statusCode()).as(cancellations.body()).isEqualTo(405);
		assertThat(cancellations.headers().firstValue("Allow")).hasValue("POST");
		assertThat(this.http.get("/api/jobs/abc").statusCode()).isEqualTo(404);
		assertThat(this.http.postJson("/api/jobs/abc/restart", "{}").statusCode()).isEqualTo(404);
		HttpResponse<String> tooLarge = this.http.get("/api/jobs/99999999999999999999");
		assertThat(tooLarge.statusCode()).as(tooLarge.body()).isEqualTo(400);
	}

	private long queue(int value) {
		return this.queue
			.submit("LISTED", JsonNodeFactory.instance.objectNode().put("value", value), AdminIntegrationTest.USER,
					null)
			.job()
			.id();
	}

	private static List<Long> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return AdminHttp.json(response).valueStream().map((job) -> job.get("id").asLong()).toList();
	}

	/** The path and query of the next page, if the response names one. */
	private static Optional<String> next(HttpResponse<String> response) {
		return response.headers().firstValue("Link").map((link) -> {
			Matcher next = NEXT.matcher(link);
			assertThat(next.matches()).as(link).isTrue();
			return next.group(1);
		});
	}

}
