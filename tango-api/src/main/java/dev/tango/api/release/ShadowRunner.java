package dev.tango.api.release;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.api.serving.ServedCascade;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.batching.RequestOptions;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;

/**
 * Runs shadow copies of answered requests on candidate versions, one at a time on a
 * background thread, from a queue of {@value #CAPACITY}. A copy that finds the queue
 * full, or that the candidate's batcher refuses, is dropped and counted
 * ({@code tango.release.shadow.dropped}, see {@link ReleaseMeters}): under load the
 * shadow gives way first. Nothing here can delay, fail or change an answer. Thread-safe.
 */
final class ShadowRunner {

	/** The most copies waiting. */
	static final int CAPACITY = 64;

	private static final Logger logger = LoggerFactory.getLogger(ShadowRunner.class);

	private final BlockingQueue<Copy> queue = new ArrayBlockingQueue<>(CAPACITY);

	private final Duration timeout;

	private final ReleaseMeters releaseMeters;

	private volatile @Nullable Thread worker;

	ShadowRunner(Duration timeout, MeterRegistry meters, ReleaseMeters releaseMeters) {
		this.timeout = timeout;
		this.releaseMeters = releaseMeters;
		Gauge.builder("tango.release.shadow.queue", this.queue, BlockingQueue::size)
			.description("Shadow copies waiting")
			.register(meters);
	}

	/**
	 * Queues a copy unless the queue is full. Never blocks.
	 * @param plan the plan
	 * @param candidate the candidate version to run it on
	 * @param inputs the request's inputs
	 * @param answers the active version's answers
	 */
	void offer(FollowedPlan plan, ServedCascade candidate, List<TextInput> inputs, List<Prediction> answers) {
		if (!this.queue.offer(new Copy(plan, candidate, inputs, answers))) {
			drop(plan, candidate);
		}
	}

	synchronized void start() {
		if (this.worker == null) {
			// Published before it runs: the thread works while it is the worker.
			Thread thread = Thread.ofPlatform().name("tango-shadow").daemon(true).unstarted(this::run);
			this.worker = thread;
			thread.start();
		}
	}

	synchronized void stop() {
		Thread running = this.worker;
		this.worker = null;
		if (running != null) {
			running.interrupt();
		}
		this.queue.clear();
	}

	private void run() {
		while (this.worker == Thread.currentThread()) {
			Copy copy;
			try {
				copy = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				run(copy);
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				logger.warn("A shadow copy failed unexpectedly", ex);
			}
		}
	}

	private void run(Copy copy) throws InterruptedException {
		VersionStats stats = copy.plan().stats(copy.candidate());
		CompletableFuture<BatchingResult> future;
		try {
			future = copy.candidate().batcher().submit(copy.inputs(), new RequestOptions(false, this.timeout));
		}
		catch (RequestRejectedException ex) {
			drop(copy.plan(), copy.candidate());
			return;
		}
		BatchingResult result;
		try {
			result = future.get(this.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | CompletionException ex) {
			if (ex.getCause() instanceof RequestRejectedException) {
				drop(copy.plan(), copy.candidate());
			}
			else {
				stats.failed(copy.inputs().size());
			}
			return;
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			stats.failed(copy.inputs().size());
			return;
		}
		stats.answered(result, copy.answers());
	}

	private void drop(FollowedPlan plan, ServedCascade candidate) {
		plan.stats(candidate).dropped();
		this.releaseMeters.dropped(plan);
	}

	private record Copy(FollowedPlan plan, ServedCascade candidate, List<TextInput> inputs, List<Prediction> answers) {

	}

}
