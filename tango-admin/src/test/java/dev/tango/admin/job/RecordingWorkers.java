package dev.tango.admin.job;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Job workers for tests of the queue: each runs the one kind {@link #KIND} with a body
 * the test gives, polling and beating fast, as an instance of its own. {@link #stopAll()}
 * stops every worker started.
 */
final class RecordingWorkers {

	/** The kind the workers run. */
	static final String KIND = "RECORDED";

	private final JdbcTemplate jdbc;

	private final PlatformTransactionManager transactions;

	private final JobCurves curves;

	private final JsonMapper json;

	private final JobMetrics metrics;

	private final List<JobWorker> started = new ArrayList<>();

	RecordingWorkers(JdbcTemplate jdbc, PlatformTransactionManager transactions, JobCurves curves, JsonMapper json,
			JobMetrics metrics) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.curves = curves;
		this.json = json;
		this.metrics = metrics;
	}

	/**
	 * The settings of a test worker: polls every 50 ms, beats every 200 ms, fails jobs
	 * silent for 2 s.
	 * @param concurrency jobs at once
	 * @param maxRunTime the longest an attempt may run
	 * @param trainingDirectory the root of the jobs' working folders
	 * @param checkpointRetention how long an ended job's folder is kept
	 * @return the settings
	 */
	static JobProperties properties(int concurrency, Duration maxRunTime, Path trainingDirectory,
			Duration checkpointRetention) {
		return new JobProperties(true, concurrency, Duration.ofMillis(50), Duration.ofMillis(200),
				Duration.ofSeconds(2), Path.of("target/heads"), trainingDirectory, 200, 50, maxRunTime,
				checkpointRetention);
	}

	/**
	 * Starts a worker with default test settings (an hour's run time, folders under
	 * {@code target/training} kept a week).
	 * @param queue the queue it works from
	 * @param instance its instance name
	 * @param concurrency jobs at once
	 * @param body what a job does: its parameters and context to its result
	 * @return the running worker
	 */
	JobWorker start(Jobs queue, String instance, int concurrency, BiFunction<JsonNode, JobContext, Object> body) {
		return start(queue, instance,
				properties(concurrency, Duration.ofHours(1), Path.of("target/training"), Duration.ofDays(7)), body);
	}

	/**
	 * Starts a worker.
	 * @param queue the queue it works from
	 * @param instance its instance name
	 * @param properties its settings
	 * @param body what a job does: its parameters and context to its result
	 * @return the running worker
	 */
	JobWorker start(Jobs queue, String instance, JobProperties properties,
			BiFunction<JsonNode, JobContext, Object> body) {
		JobHandler<JsonNode> handler = new JobHandler<>() {

			@Override
			public String kind() {
				return KIND;
			}

			@Override
			public Class<JsonNode> parametersType() {
				return JsonNode.class;
			}

			@Override
			public Set<Long> datasets(JsonNode parameters) {
				return Set.of();
			}

			@Override
			public Object run(JsonNode parameters, JobContext context) {
				return body.apply(parameters, context);
			}

		};
		JobWorker worker = new JobWorker(queue, new StaleJobs(this.jdbc, Clock.systemUTC()),
				new JobFolders(properties.trainingDirectory(), this.jdbc, this.transactions, Clock.systemUTC()),
				this.metrics, this.curves, new JobKinds(List.of(handler)), properties, this.json, Clock.systemUTC(),
				instance);
		this.started.add(worker);
		worker.start();
		return worker;
	}

	/** Stops every worker started. */
	void stopAll() {
		this.started.forEach(JobWorker::stop);
	}

	/**
	 * Sleeps in a job's body, stopping it as cancelled if its thread is interrupted.
	 * @param millis how long
	 */
	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new JobCancelledException("interrupted");
		}
	}

}
