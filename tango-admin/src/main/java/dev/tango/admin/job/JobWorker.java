package dev.tango.admin.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.SmartLifecycle;

/**
 * Works off the job queue on this instance: polls for queued jobs while it has room,
 * claims them, runs each with its {@link JobHandler} on a thread of its own, beats for
 * them, passes on cancellations, records the outcome, and fails the running jobs of any
 * instance whose heartbeats stopped. An attempt that runs longer than
 * {@link JobProperties#maxRunTime()} is stopped and its job failed. An attempt that
 * throws an {@link Error} (out of memory or stack, say) fails its job at once with a
 * message that says so ({@link AttemptErrors}), and its thread goes on to the next job;
 * an error in a periodic task (polling, heartbeats, the folder sweep) is logged and the
 * task runs again at its next time. On shutdown it stops its running jobs and fails them
 * (so that they can be restarted). Every {@value #FOLDER_SWEEP_MINUTES} minutes, and when
 * it starts, it removes the working folders that no attempt needs any more
 * ({@link JobFolders#sweep}).
 */
public final class JobWorker implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(JobWorker.class);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

	/** Minutes between two sweeps of the jobs' working folders. */
	static final int FOLDER_SWEEP_MINUTES = 10;

	private final Jobs jobs;

	private final StaleJobs stale;

	private final JobFolders folders;

	private final JobMetrics metrics;

	private final JobCurves curves;

	private final JobKinds kinds;

	private final JobProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	private final String instanceId;

	private final Map<Long, JobContext> running = new ConcurrentHashMap<>();

	private volatile boolean started;

	private ScheduledExecutorService scheduler;

	private ExecutorService executor;

	/**
	 * Creates a worker.
	 * @param jobs the queue
	 * @param stale the sweep that fails the jobs of instances whose heartbeats stopped
	 * @param folders the jobs' working folders, swept for those no attempt needs
	 * @param metrics where attempts and removed folders are counted
	 * @param curves where the jobs' curves are kept
	 * @param kinds the kinds of job it runs
	 * @param properties how it works
	 * @param json reads parameters and writes results
	 * @param clock the time of heartbeats
	 * @param instanceId how this instance is named in the queue, unique
	 */
	public JobWorker(Jobs jobs, StaleJobs stale, JobFolders folders, JobMetrics metrics, JobCurves curves,
			JobKinds kinds, JobProperties properties, JsonMapper json, Clock clock, String instanceId) {
		this.jobs = jobs;
		this.stale = stale;
		this.folders = folders;
		this.metrics = metrics;
		this.curves = curves;
		this.kinds = kinds;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
		this.instanceId = instanceId;
	}

	@Override
	public synchronized void start() {
		if (this.started) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("tango-jobs-scheduler"));
		this.executor = Executors.newFixedThreadPool(this.properties.concurrency(), threads("tango-job"));
		this.scheduler.scheduleWithFixedDelay(surviving("poll the job queue", this::poll), 0,
				this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
		long beat = this.properties.heartbeatInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(surviving("write job heartbeats", this::beat), beat, beat,
				TimeUnit.MILLISECONDS);
		this.scheduler.scheduleWithFixedDelay(surviving("sweep the jobs' working folders", this::sweepFolders), 0,
				FOLDER_SWEEP_MINUTES, TimeUnit.MINUTES);
		this.started = true;
		logger.info("Job worker {} started: {} at a time", this.instanceId, this.properties.concurrency());
	}

	@Override
	public synchronized void stop() {
		if (!this.started) {
			return;
		}
		this.started = false;
		this.scheduler.shutdownNow();
		this.running.values().forEach((context) -> context.stop(JobContext.StopReason.SHUTDOWN));
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.executor.shutdownNow();
		}
		logger.info("Job worker {} stopped", this.instanceId);
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	private void poll() {
		try {
			while (this.started && !this.kinds.names().isEmpty()
					&& this.running.size() < this.properties.concurrency()) {
				Optional<ClaimedJob> claimed = this.jobs.claim(this.instanceId, this.kinds.names());
				if (claimed.isEmpty()) {
					return;
				}
				JobContext context = new JobContext(claimed.get(), this.jobs, this.curves, this.clock);
				this.running.put(claimed.get().id(), context);
				this.executor.execute(() -> run(context));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot poll the job queue: {}", ex.toString());
		}
	}

	private void beat() {
		try {
			List<ClaimedJob> claims = new ArrayList<>();
			Instant now = this.clock.instant();
			for (JobContext context : this.running.values()) {
				claims.add(context.job());
				if (Duration.between(context.started(), now).compareTo(this.properties.maxRunTime()) > 0) {
					context.stop(JobContext.StopReason.TIME_LIMIT);
				}
			}
			for (ClaimedJob stop : this.jobs.heartbeat(claims)) {
				JobContext context = this.running.get(stop.id());
				if (context != null) {
					context.stop(JobContext.StopReason.HEARTBEAT);
				}
			}
			this.stale.fail(this.properties.staleAfter());
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot write job heartbeats: {}", ex.toString());
		}
	}

	private void sweepFolders() {
		try {
			this.metrics.foldersRemoved(this.folders.sweep(this.properties.checkpointRetention()).size());
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot sweep the jobs' working folders: {}", ex.toString());
		}
	}

	/**
	 * Returns a periodic task that logs an error it throws and runs again at its next
	 * time: a scheduled task that throws is never run again, and nobody would know.
	 */
	private Runnable surviving(String what, Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (Error error) {
				logger.error("Job worker {} cannot {}: {}; it tries again at its next time", this.instanceId, what,
						error.toString(), error);
			}
		};
	}

	private void run(JobContext context) {
		ClaimedJob job = context.job();
		long start = System.nanoTime();
		JobMetrics.Outcome outcome = JobMetrics.Outcome.FAILED;
		try {
			JobHandler<?> handler = this.kinds.find(job.kind())
				.orElseThrow(() -> new JobFailedException("This instance has no handler for " + job.kind() + " jobs"));
			Object result = invoke(handler, job, context);
			context.flushPoints();
			this.jobs.succeed(job, this.json.valueToTree(result));
			outcome = JobMetrics.Outcome.SUCCEEDED;
			logger.info("Job {} ({}) succeeded in {} s", job.id(), job.kind(), (System.nanoTime() - start) / 1e9);
		}
		catch (JobCancelledException ex) {
			outcome = stopped(context);
		}
		catch (JobFailedException ex) {
			logger.info("Job {} ({}) failed: {}", job.id(), job.kind(), ex.getMessage());
			this.jobs.fail(job, ex.getMessage());
		}
		catch (Exception ex) {
			if (context.stopReason() != null) {
				outcome = stopped(context);
			}
			else {
				logger.warn("Job {} ({}) failed", job.id(), job.kind(), ex);
				this.jobs.fail(job, describe(ex));
			}
		}
		catch (Error error) {
			// out of memory or stack (say a head too large for the heap): the attempt's
			// objects are unreachable once its frames are gone, so this thread goes on
			// with the next job; the job fails now, rather than as stale a minute later
			logger.error("Job {} ({}) attempt {} failed on {}", job.id(), job.kind(), job.attempt(), error.toString(),
					error);
			if (context.stopReason() != null) {
				// cancelled, timed out or shut down first: ends as the stop says
				outcome = stopped(context);
			}
			else {
				this.jobs.fail(job, AttemptErrors.describe(error, context.phase()));
			}
		}
		finally {
			this.running.remove(job.id());
			this.metrics.attempt(job.kind(), outcome, Duration.ofNanos(System.nanoTime() - start));
		}
	}

	private <P> Object invoke(JobHandler<P> handler, ClaimedJob job, JobContext context) throws Exception {
		P parameters;
		try {
			parameters = StoredParameters.read(this.json, job.parameters(), handler.parametersType());
		}
		catch (RuntimeException ex) {
			throw new JobFailedException("Invalid parameters: " + ex.getMessage(), ex);
		}
		return handler.run(parameters, context);
	}

	/** Records how a stopped attempt ended, and returns it. */
	private JobMetrics.Outcome stopped(JobContext context) {
		ClaimedJob job = context.job();
		if (context.stopReason() == JobContext.StopReason.SHUTDOWN) {
			this.jobs.fail(job, "Instance " + this.instanceId + " shut down while the job ran; restart it");
			return JobMetrics.Outcome.SHUTDOWN;
		}
		// a cancellation asked for wins over the time limit that stopped the attempt
		// meanwhile
		Optional<Job> current = this.jobs.find(job.id());
		if (current.isPresent() && current.get().cancelRequested() && current.get().attempt() == job.attempt()) {
			this.jobs.cancelled(job);
			logger.info("Job {} ({}) cancelled", job.id(), job.kind());
			return JobMetrics.Outcome.CANCELLED;
		}
		if (context.stopReason() == JobContext.StopReason.TIME_LIMIT) {
			String limit = asConfigured(this.properties.maxRunTime());
			logger.warn("Job {} ({}) stopped after running longer than {}", job.id(), job.kind(), limit);
			this.jobs.fail(job, "Stopped after running longer than tango.admin.jobs.max-run-time (" + limit
					+ "); restart it to go on (a training job resumes from its last checkpoint)");
			return JobMetrics.Outcome.TIME_LIMIT;
		}
		logger.warn("Job {} ({}) attempt {} stopped: it is no longer this instance's", job.id(), job.kind(),
				job.attempt());
		return JobMetrics.Outcome.LOST;
	}

	/** A duration as a setting gives it: {@code 24h}, {@code 90m}, {@code 5s}. */
	private static String asConfigured(Duration duration) {
		ChronoUnit unit = Stream.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)
			.filter((candidate) -> duration.toMillis() % candidate.getDuration().toMillis() == 0)
			.findFirst()
			.orElse(ChronoUnit.MILLIS);
		return DurationStyle.SIMPLE.print(duration, unit);
	}

	private static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null && text.length() < 2000; cause = cause.getCause()) {
			if (!text.isEmpty()) {
				text.append(": ");
			}
			text.append((cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName());
		}
		return text.toString();
	}

	private static ThreadFactory threads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
