package dev.tango.admin.job;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.tango.admin.testing.AdminHttp;
import dev.tango.admin.testing.AdminIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What bounds a job's resources, on real PostgreSQL: the run time of an attempt
 * ({@code tango.admin.jobs.max-run-time}) and how long the working folders of ended jobs
 * stay on disk ({@code tango.admin.jobs.checkpoint-retention}). The service's own worker
 * is off; the workers here run recording handlers.
 */
@AdminIntegrationTest
@TestPropertySource(properties = { "tango.admin.jobs.enabled=false" })
class JobLimitsIT {

	static final Duration WAIT = Duration.ofSeconds(30);

	@LocalServerPort
	int port;

	@Autowired
	Jobs jobs;

	@Autowired
	JobCommands commands;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JobCurves curves;

	@Autowired
	JobMetrics metrics;

	@Autowired
	MeterRegistry meters;

	@Autowired
	JsonMapper json;

	@TempDir
	Path training;

	/** A folder outside the training directory, which a link inside may point to. */
	@TempDir
	Path outside;

	RecordingWorkers workers;

	@BeforeEach
	void setUp() {
		this.jdbc.update("DELETE FROM admin_jobs");
		this.workers = new RecordingWorkers(this.jdbc, this.transactions, this.curves, this.json, this.metrics);
	}

	@AfterEach
	void tearDown() {
		this.workers.stopAll();
	}

	@Test
	void anAttemptThatRunsPastTheMaxRunTimeIsStoppedAndFailedAndARestartGoesOn() {
		long stoppedBefore = attempts("time_limit");
		long succeededBefore = attempts("succeeded");
		long started = System.nanoTime();
		this.workers.start(this.jobs, "worker-a",
				RecordingWorkers.properties(1, Duration.ofSeconds(1), this.training, Duration.ofDays(7)),
				(parameters, context) -> {
					if (context.attempt() == 1) {
						for (int step = 0; step < 600; step++) {
							context.progress("stepping", 0, 100, step, 600);
							RecordingWorkers.sleep(100);
						}
					}
					return Map.of("attempt", context.attempt());
				});
		long id = this.jobs.submit(RecordingWorkers.KIND, parameters(), "test", null).job().id();

		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(id).status() == JobStatus.FAILED);

		Job failed = this.jobs.require(id);
		assertThat(failed.error()).isEqualTo("Stopped after running longer than tango.admin.jobs.max-run-time (1s); "
				+ "restart it to go on (a training job resumes from its last checkpoint)");
		assertThat(failed.progress().percent()).isGreaterThan(0).isLessThan(100);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
		AdminHttp http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);
		HttpResponse<String> restarted = http.postJson("/api/jobs/" + id + "/restart", "{}");
		assertThat(restarted.statusCode()).as(restarted.body()).isEqualTo(200);
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(id).status() == JobStatus.SUCCEEDED);
		assertThat(this.jobs.require(id).result().get("attempt").asInt()).isEqualTo(2);
		assertThat(attempts("time_limit")).isEqualTo(stoppedBefore + 1);
		assertThat(attempts("succeeded")).isEqualTo(succeededBefore + 1);
	}

	@Test
	void theQueueAndItsAttemptsAreMeasuredForPrometheus() {
		for (int i = 0; i < 3; i++) {
			submit();
		}
		this.workers.start(this.jobs, "worker-a", 1, (parameters, context) -> Map.of());
		long done = submit();
		Awaitility.await().atMost(WAIT).until(() -> this.jobs.require(done).status() == JobStatus.SUCCEEDED);
		AdminHttp http = new AdminHttp(this.port, AdminIntegrationTest.USER, AdminIntegrationTest.PASSWORD);

		// the worker runs the three jobs queued first, then the fourth: none waits once
		// it is done
		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			String scraped = http.get("/actuator/prometheus").body();
			assertThat(scraped).containsPattern("(?m)^tango_admin_jobs\\{.*status=\"queued\".*\\} 0\\.0$")
				.containsPattern("(?m)^tango_admin_jobs\\{.*status=\"running\".*\\} 0\\.0$")
				.containsPattern("(?m)^tango_admin_jobs_oldest_queued_seconds(\\{.*\\})? 0\\.0$")
				.containsPattern("(?m)^tango_admin_jobs_attempts_seconds_count\\{.*kind=\"" + RecordingWorkers.KIND
						+ "\".*outcome=\"succeeded\".*\\} [1-9]");
			assertThat(unpublishedQueriesOfTheAlerts(scraped)).as("queried by the chart's alerts, not published")
				.isEmpty();
		});
		this.workers.stopAll();
		submit();
		submit();
		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			String scraped = http.get("/actuator/prometheus").body();
			assertThat(scraped).containsPattern("(?m)^tango_admin_jobs\\{.*status=\"queued\".*\\} 2\\.0$")
				.containsPattern("(?m)^tango_admin_jobs_oldest_queued_seconds(\\{.*\\})? [0-9.E]+$");
		});
	}

	@Test
	void theFoldersOfEndedJobsGoAfterTheRetentionThoseOfLiveJobsStay() throws IOException {
		long running = submit();
		long succeeded = submit();
		long failed = submit();
		long queued = submit();
		long cancelled = submit();
		claim(running);
		this.jobs.succeed(claim(succeeded), JsonNodeFactory.instance.objectNode());
		this.jobs.fail(claim(failed), "broken");
		this.commands.cancel(cancelled);
		long gone = cancelled + 1000;
		for (long job : new long[] { queued, running, succeeded, failed, cancelled, gone }) {
			Files.createDirectories(this.training.resolve("job-" + job).resolve("checkpoint"));
			Files.writeString(this.training.resolve("job-" + job).resolve("checkpoint").resolve("state.bin"), "x");
		}
		Files.createDirectories(this.training.resolve("notes"));
		Files.writeString(this.training.resolve("job-" + (gone + 1)), "a file, not a job's folder");
		Files.writeString(this.outside.resolve("keep.txt"), "not the service's");
		Files.createSymbolicLink(this.training.resolve("job-" + (gone + 2)), this.outside);
		// names that parse as another job's identifier are not that job's folder
		Files.createDirectories(this.training.resolve("job-0" + succeeded));
		Files.writeString(this.training.resolve("job-" + (gone + 3)), "a file");
		Files.createDirectories(this.training.resolve("job-00" + (gone + 3)));

		JobFolders now = new JobFolders(this.training, this.jdbc, this.transactions, Clock.systemUTC());
		assertThat(now.sweep(Duration.ofDays(7))).containsExactly(succeeded, gone);
		assertThat(now.of(failed)).isDirectory();
		assertThat(now.of(cancelled)).isDirectory();

		JobFolders weekLater = new JobFolders(this.training, this.jdbc, this.transactions,
				Clock.offset(Clock.systemUTC(), Duration.ofDays(7).plusMinutes(1)));
		assertThat(weekLater.sweep(Duration.ofDays(7))).containsExactly(failed, cancelled);
		assertThat(weekLater.sweep(Duration.ofDays(7))).isEmpty();

		assertThat(now.of(queued)).isDirectory();
		assertThat(now.of(running).resolve("checkpoint").resolve("state.bin")).hasContent("x");
		assertThat(this.training.resolve("notes")).isDirectory();
		assertThat(this.training.resolve("job-" + (gone + 1))).hasContent("a file, not a job's folder");
		assertThat(this.training.resolve("job-" + (gone + 2))).isSymbolicLink();
		assertThat(this.outside.resolve("keep.txt")).hasContent("not the service's");
		assertThat(this.training.resolve("job-0" + succeeded)).isDirectory();
		assertThat(this.training.resolve("job-" + (gone + 3))).hasContent("a file");
		assertThat(this.training.resolve("job-00" + (gone + 3))).isDirectory();
		assertThat(this.jobs.require(running).status()).isEqualTo(JobStatus.RUNNING);
	}

	@Test
	void aWorkerSweepsTheFoldersWhenItStarts() throws IOException {
		long cancelled = submit();
		this.commands.cancel(cancelled);
		Files.createDirectories(this.training.resolve("job-" + cancelled));
		double removedBefore = this.meters.get("tango.admin.jobs.folders.removed").counter().count();

		this.workers.start(this.jobs, "worker-a",
				RecordingWorkers.properties(1, Duration.ofHours(1), this.training, Duration.ZERO),
				(parameters, context) -> Map.of());

		Awaitility.await().atMost(WAIT).until(() -> !Files.exists(this.training.resolve("job-" + cancelled)));
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> this.meters.get("tango.admin.jobs.folders.removed").counter().count() == removedBefore + 1);
	}

	/**
	 * Lists the {@code tango_admin_…} metrics the Helm chart's alerts query that a scrape
	 * lacks, and each {@code name{label}} whose label (but {@code job}) a selector
	 * matches on that the metric's samples lack.
	 */
	private static List<String> unpublishedQueriesOfTheAlerts(String scraped) throws IOException {
		String rules = Files.readString(Path.of("..", "deploy", "helm", "tango", "templates", "prometheusrule.yaml"));
		Matcher selector = Pattern.compile("\\b(tango_admin_\\w+)(\\{(?:[^}\"]|\"[^\"]*\")*\\})?").matcher(rules);
		List<String> missing = new ArrayList<>();
		int queried = 0;
		while (selector.find()) {
			queried++;
			String name = selector.group(1);
			List<String> samples = scraped.lines()
				.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
				.toList();
			if (samples.isEmpty()) {
				missing.add(name);
			}
			Matcher label = Pattern.compile("(\\w+)\\s*(?:=~|!~|!=|=)")
				.matcher(Objects.toString(selector.group(2), ""));
			while (label.find()) {
				String tag = label.group(1) + "=\"";
				if (!label.group(1).equals("job") && samples.stream().noneMatch((sample) -> sample.contains(tag))) {
					missing.add(name + "{" + label.group(1) + "}");
				}
			}
		}
		assertThat(queried).as("tango_admin_ metrics in the chart's alerts").isGreaterThanOrEqualTo(2);
		return missing;
	}

	/** The attempts the service's worker or this test's recorded with an outcome. */
	private long attempts(String outcome) {
		Timer timer = this.meters.find("tango.admin.jobs.attempts")
			.tags("kind", RecordingWorkers.KIND, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private long submit() {
		return this.jobs.submit(RecordingWorkers.KIND, parameters(), "test", null).job().id();
	}

	private ClaimedJob claim(long id) {
		ClaimedJob claimed = this.jobs.claim("instance", Set.of(RecordingWorkers.KIND)).orElseThrow();
		assertThat(claimed.id()).isEqualTo(id);
		return claimed;
	}

	private static JsonNode parameters() {
		return JsonNodeFactory.instance.objectNode().put("value", System.nanoTime());
	}

}
