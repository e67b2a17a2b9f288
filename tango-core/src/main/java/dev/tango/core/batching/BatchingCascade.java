package dev.tango.core.batching;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

import dev.tango.core.batching.RequestRejectedException.Reason;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import org.jspecify.annotations.Nullable;

/**
 * Serves a cascade to concurrent requests by merging their inputs into batches per tier,
 * like a dynamic batcher.
 *
 * <p>
 * Each stage has a bounded queue and its own worker threads. A worker waits for its queue
 * to hold a full batch or for the oldest input to have waited the stage's
 * {@link BatchingSettings#maxDelay() maximum delay}, but only while inputs arrive fast
 * enough that another is expected before the delay is over; it takes up to
 * {@link BatchingSettings#lengthWindow() a window} of batches' worth of inputs, sorts
 * them by {@link dev.tango.core.tier.Tier#length length}, cuts them into batches that pad
 * little ({@link dev.tango.core.cascade.LengthBatching#partition}) and calls the tier
 * batch by batch. An input whose confidence reaches the stage's threshold is answered;
 * the others join the next stage's queue, where inputs escalated from many requests batch
 * together. The last stage answers every input. A request completes when all its inputs
 * are answered.
 *
 * <p>
 * Failures:
 * <ul>
 * <li>{@link #submit submit} admits a request only if the first stage's queue takes all
 * its inputs; otherwise it throws a {@link RequestRejectedException} at once.</li>
 * <li>If a later stage's queue cannot take an escalated input, its request fails with
 * {@link Reason#QUEUE_FULL}; inputs of a request whose deadline has passed when a worker
 * takes them are not run, and the request fails with {@link Reason#DEADLINE_EXCEEDED}.
 * The deadline is read from the {@link Builder#clock(LongSupplier) clock}.</li>
 * <li>A tier call that throws fails the requests with inputs in that call, with the
 * {@link dev.tango.core.tier.TierException} (other exceptions are wrapped in one); the
 * workers go on.</li>
 * <li>A request whose future the caller completes, usually by cancelling it, has its
 * remaining inputs dropped without running when a worker reaches them.</li>
 * </ul>
 *
 * <p>
 * Lifecycle: {@link #start()} starts the workers; {@link #shutdown(Duration)} (or
 * {@link #close()}) stops admitting, lets queued work finish for a while, then refuses
 * what remains. The cascade never closes its tiers: their owner does, after shutdown.
 *
 * <p>
 * Threads: only stage workers call the tiers; {@link #submit submit} never blocks and
 * never runs inference. Futures complete on worker threads, so dependent actions attached
 * without an executor run there: keep them short, or use the {@code *Async} variants.
 * This class is thread-safe; {@code submit} may be called concurrently from any number of
 * threads.
 */
public final class BatchingCascade implements AutoCloseable {

	private static final System.Logger logger = System.getLogger(BatchingCascade.class.getName());

	private final List<StageRunner> runners;

	private final List<String> tierNames;

	private final long defaultTimeoutNanos;

	private final Duration shutdownTimeout;

	private final LongSupplier clock;

	private final BatchingListener listener;

	private final @Nullable ThreadFactory threadFactory;

	private final Object lifecycle = new Object();

	private volatile State state = State.NEW;

	private BatchingCascade(Builder builder) {
		this.clock = builder.clock;
		this.listener = new SafeListener(builder.listener);
		this.defaultTimeoutNanos = saturatedNanos(builder.defaultTimeout);
		this.shutdownTimeout = builder.shutdownTimeout;
		this.threadFactory = builder.threadFactory;
		StageRunner[] runners = new StageRunner[builder.stages.size()];
		StageRunner next = null;
		for (int i = runners.length - 1; i >= 0; i--) {
			next = new StageRunner(i, builder.stages.get(i), builder.settings[i], next, this.clock, this.listener);
			runners[i] = next;
		}
		this.runners = List.of(runners);
		this.tierNames = this.runners.stream().map(StageRunner::tierName).toList();
	}

	/**
	 * Returns a builder for a cascade of the given stages.
	 * @param stages the stages in cascade order, at least one
	 * @return the builder
	 */
	public static Builder builder(List<Stage> stages) {
		return new Builder(stages);
	}

	/**
	 * Starts the workers. Requests can be submitted once this returns.
	 * @throws IllegalStateException if the cascade was already started or shut down
	 */
	public void start() {
		synchronized (this.lifecycle) {
			if (this.state != State.NEW) {
				throw new IllegalStateException("The cascade is " + this.state);
			}
			for (int i = 0; i < this.runners.size(); i++) {
				this.runners.get(i).start(threadFactory(i));
			}
			this.state = State.RUNNING;
		}
		logger.log(Level.INFO, "Batching cascade started: {0}", this.tierNames);
	}

	private ThreadFactory threadFactory(int stage) {
		if (this.threadFactory != null) {
			return this.threadFactory;
		}
		return Thread.ofPlatform().name("tango-stage-" + stage + "-", 0).daemon(true).factory();
	}

	/**
	 * Submits a request with default options.
	 * @param inputs the inputs
	 * @return the future result, see {@link #submit(List, RequestOptions)}
	 * @throws RequestRejectedException if the request is not admitted
	 */
	public CompletableFuture<BatchingResult> submit(List<TextInput> inputs) {
		return submit(inputs, RequestOptions.defaults());
	}

	/**
	 * Submits a request. Never blocks: either all its inputs join the first stage's
	 * queue, or the request is refused at once.
	 * <p>
	 * The future completes with one prediction per input, in input order, or
	 * exceptionally with a {@link RequestRejectedException} (a later queue was full, the
	 * deadline passed, or the cascade shut down first) or a
	 * {@link dev.tango.core.tier.TierException}. Cancelling it drops the inputs not yet
	 * run. An empty list completes at once, whatever the state.
	 * @param inputs the inputs; at most the first stage's queue capacity
	 * @param options the request's options
	 * @return the future result
	 * @throws RequestRejectedException with {@link Reason#QUEUE_FULL} if the first queue
	 * cannot take the inputs now, or {@link Reason#SHUTTING_DOWN} once shutdown has begun
	 * @throws IllegalStateException if the cascade has not been started
	 * @throws IllegalArgumentException if there are more inputs than the first queue
	 * holds
	 */
	public CompletableFuture<BatchingResult> submit(List<TextInput> inputs, RequestOptions options) {
		Objects.requireNonNull(options, "options");
		List<TextInput> copy = List.copyOf(inputs);
		if (copy.isEmpty()) {
			return CompletableFuture.completedFuture(emptyResult());
		}
		if (this.state == State.NEW) {
			throw new IllegalStateException("The cascade has not been started");
		}
		StageRunner first = this.runners.get(0);
		if (copy.size() > first.queue().capacity()) {
			throw new IllegalArgumentException(
					"A request holds at most " + first.queue().capacity() + " inputs, this one has " + copy.size());
		}
		long timeoutNanos = (options.timeout() != null) ? saturatedNanos(options.timeout()) : this.defaultTimeoutNanos;
		Request request = new Request(copy, options.probabilities(), this.clock.getAsLong(), timeoutNanos,
				this.tierNames, this.listener);
		long now = System.nanoTime();
		List<Item> items = new ArrayList<>(copy.size());
		for (int i = 0; i < copy.size(); i++) {
			items.add(new Item(request, i, now));
		}
		StageQueue.Offer offer = first.queue().offerAll(items);
		if (offer == StageQueue.Offer.ACCEPTED) {
			return request.future();
		}
		Reason refusal = (offer == StageQueue.Offer.FULL) ? Reason.QUEUE_FULL : Reason.SHUTTING_DOWN;
		this.listener.requestRejected(0, refusal);
		throw new RequestRejectedException(refusal, 0, first.retryAfter(copy.size()));
	}

	private BatchingResult emptyResult() {
		List<StageStats> stages = this.tierNames.stream().map((tier) -> new StageStats(tier, 0, 0, 0, 0, 0)).toList();
		return new BatchingResult(List.<Prediction>of(), stages, 0);
	}

	/**
	 * Shuts down: stops admitting requests (they are refused with
	 * {@link Reason#SHUTTING_DOWN}), lets the queued inputs run for up to
	 * {@code timeout}, then refuses the requests still waiting and waits up to
	 * {@code timeout} again for the tier calls in progress, refusing their requests too
	 * if they do not return. When this returns every admitted request's future is
	 * complete. Calling it again only waits for the workers again.
	 * @param timeout how long to let queued work finish, zero or more
	 * @return whether every worker has stopped, so that the tiers may be closed;
	 * {@code false} if a tier call is still in progress
	 */
	public boolean shutdown(Duration timeout) {
		long timeoutNanos = saturatedNanos(timeout);
		synchronized (this.lifecycle) {
			if (this.state == State.NEW) {
				this.runners.forEach((runner) -> runner.queue().close());
				this.state = State.TERMINATED;
				return true;
			}
			if (this.state == State.RUNNING) {
				this.state = State.DRAINING;
				this.runners.get(0).queue().close();
			}
			boolean stopped = awaitWorkers(timeoutNanos);
			if (!stopped) {
				logger.log(Level.WARNING, "Batching cascade did not finish its work within {0}; refusing the rest",
						timeout);
				this.runners.forEach(StageRunner::abort);
				stopped = awaitWorkers(timeoutNanos);
				if (!stopped) {
					this.runners.forEach(StageRunner::failInFlight);
				}
			}
			this.state = State.TERMINATED;
			logger.log(Level.INFO, "Batching cascade shut down: {0}{1}", this.tierNames,
					stopped ? "" : " (a tier call is still in progress)");
			return stopped;
		}
	}

	/**
	 * Shuts down with the {@link Builder#shutdownTimeout(Duration) shutdown timeout}, see
	 * {@link #shutdown(Duration)}. Does not close the tiers.
	 */
	@Override
	public void close() {
		shutdown(this.shutdownTimeout);
	}

	private boolean awaitWorkers(long timeoutNanos) {
		long start = System.nanoTime();
		for (StageRunner runner : this.runners) {
			for (Thread thread : runner.threads()) {
				try {
					long remaining = Math.max(0, timeoutNanos - (System.nanoTime() - start));
					if (!thread.join(Duration.ofNanos(remaining))) {
						return false;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Returns the lifecycle state.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	/**
	 * Returns the stages.
	 * @return the stages in cascade order
	 */
	public List<Stage> stages() {
		return this.runners.stream().map(StageRunner::stage).toList();
	}

	/**
	 * Returns a stage's batching settings.
	 * @param stage the zero-based stage index
	 * @return the settings
	 */
	public BatchingSettings settings(int stage) {
		return this.runners.get(stage).settings();
	}

	/**
	 * Returns how many inputs wait in a stage's queue, a gauge. Cheap and lock-free.
	 * @param stage the zero-based stage index
	 * @return the number of queued inputs, possibly slightly stale
	 */
	public int queueDepth(int stage) {
		return this.runners.get(stage).queue().depth();
	}

	static long saturatedNanos(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Duration must not be negative, was " + duration);
		}
		return (duration.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0) ? Long.MAX_VALUE : duration.toNanos();
	}

	/**
	 * The lifecycle of a {@link BatchingCascade}.
	 */
	public enum State {

		/** Built, not started: nothing is admitted yet. */
		NEW,

		/** Serving requests. */
		RUNNING,

		/** Shutting down: finishing admitted work, refusing new requests. */
		DRAINING,

		/** Shut down: nothing is admitted. */
		TERMINATED

	}

	/**
	 * Builds a {@link BatchingCascade}. Not thread-safe.
	 */
	public static final class Builder {

		private final List<Stage> stages;

		private final BatchingSettings[] settings;

		private Duration defaultTimeout = Duration.ofSeconds(10);

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private LongSupplier clock = System::nanoTime;

		private BatchingListener listener = BatchingListener.NONE;

		private @Nullable ThreadFactory threadFactory;

		private Builder(List<Stage> stages) {
			this.stages = List.copyOf(stages);
			if (this.stages.isEmpty()) {
				throw new IllegalArgumentException("A cascade needs at least one stage");
			}
			this.settings = new BatchingSettings[this.stages.size()];
			Arrays.fill(this.settings, BatchingSettings.DEFAULT);
		}

		/**
		 * Sets the batching settings of every stage (default
		 * {@link BatchingSettings#DEFAULT}).
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder batching(BatchingSettings settings) {
			Objects.requireNonNull(settings, "settings");
			Arrays.fill(this.settings, settings);
			return this;
		}

		/**
		 * Sets the batching settings of one stage.
		 * @param stage the zero-based stage index
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder batching(int stage, BatchingSettings settings) {
			Objects.checkIndex(stage, this.settings.length);
			this.settings[stage] = Objects.requireNonNull(settings, "settings");
			return this;
		}

		/**
		 * Sets the timeout of requests that do not set one (default 10 s).
		 * @param timeout a positive timeout
		 * @return this builder
		 */
		public Builder defaultTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("timeout must be positive, was " + timeout);
			}
			this.defaultTimeout = timeout;
			return this;
		}

		/**
		 * Sets how long {@link BatchingCascade#close()} lets queued work finish (default
		 * 30 s).
		 * @param timeout the timeout, zero or more
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration timeout) {
			if (timeout.isNegative()) {
				throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
			}
			this.shutdownTimeout = timeout;
			return this;
		}

		/**
		 * Sets the clock that request deadlines are measured with (default
		 * {@link System#nanoTime()}). Batching delays and reported durations always use
		 * {@link System#nanoTime()}.
		 * @param nanos a monotonic clock in nanoseconds, thread-safe
		 * @return this builder
		 */
		public Builder clock(LongSupplier nanos) {
			this.clock = Objects.requireNonNull(nanos, "nanos");
			return this;
		}

		/**
		 * Sets the listener that receives events (default {@link BatchingListener#NONE}).
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(BatchingListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Sets the factory of worker threads (default: daemon platform threads named
		 * {@code tango-stage-<stage>-<n>}).
		 * @param threadFactory the factory
		 * @return this builder
		 */
		public Builder threadFactory(ThreadFactory threadFactory) {
			this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
			return this;
		}

		/**
		 * Builds the cascade, not started.
		 * @return the cascade
		 */
		public BatchingCascade build() {
			return new BatchingCascade(this);
		}

	}

}
