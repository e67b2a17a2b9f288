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
 * <li>{@link #submit submit} admits a request only if it can finish before its deadline:
 * the estimated time to work through what was admitted before it, and its own inputs,
 * must fit in its timeout less a {@link BatchingCascadeBuilder#admissionMargin(double)
 * margin} (see {@link Admission}), unless nothing is queued ahead of it, when waiting
 * would not help; and only if the first stage's queue takes all its inputs. Otherwise it
 * throws a {@link RequestRejectedException} at once, with a retry-after from when the
 * backlog is expected to have drained.</li>
 * <li>If a later stage's queue cannot take an escalated input, its request fails with
 * {@link Reason#QUEUE_FULL}; inputs of a request whose deadline has passed when a worker
 * takes them are not run: they take the previous stage's prediction, marked as a
 * fallback, where the stage falls back ({@link dev.tango.core.cascade.Routing#fallback}),
 * otherwise the request fails with {@link Reason#DEADLINE_EXCEEDED}. The deadline is read
 * from the {@link BatchingCascadeBuilder#clock(LongSupplier) clock}.</li>
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

	private final Admission admission;

	private final @Nullable ThreadFactory threadFactory;

	private final Object lifecycle = new Object();

	private volatile State state = State.NEW;

	BatchingCascade(BatchingCascadeBuilder builder) {
		this.clock = builder.clock;
		this.listener = new SafeListener(builder.listener);
		this.defaultTimeoutNanos = saturatedNanos(builder.defaultTimeout);
		this.shutdownTimeout = builder.shutdownTimeout;
		this.threadFactory = builder.threadFactory;
		int maxInputTokens = builder.stages.stream()
			.mapToInt((stage) -> stage.tier().maxInputTokens())
			.filter((tokens) -> tokens < Integer.MAX_VALUE)
			.max()
			.orElse(Integer.MAX_VALUE);
		this.admission = new Admission(Arrays.stream(builder.settings).mapToInt(BatchingSettings::workers).toArray(),
				builder.stages.stream().mapToInt(Stage::batchSize).toArray(), builder.admissionMargin, maxInputTokens);
		StageRunner[] runners = new StageRunner[builder.stages.size()];
		StageRunner next = null;
		for (int i = runners.length - 1; i >= 0; i--) {
			next = new StageRunner(i, builder.stages.get(i), builder.settings[i], next, this.clock, this.listener,
					this.admission);
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
	public static BatchingCascadeBuilder builder(List<Stage> stages) {
		return new BatchingCascadeBuilder(stages);
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
	 * Submits a request. Never blocks: either it is expected to finish before its
	 * deadline and all its inputs join the first stage's queue, or it is refused at once.
	 * <p>
	 * The future completes with one prediction per input, in input order, or
	 * exceptionally with a {@link RequestRejectedException} (a later queue was full, the
	 * deadline passed, or the cascade shut down first) or a
	 * {@link dev.tango.core.tier.TierException}. Cancelling it drops the inputs not yet
	 * run. An empty list completes at once, whatever the state.
	 * @param inputs the inputs; at most the first stage's queue capacity
	 * @param options the request's options
	 * @return the future result
	 * @throws RequestRejectedException with {@link Reason#OVERLOADED} if the work ahead
	 * would not let it finish before its deadline, {@link Reason#QUEUE_FULL} if the first
	 * queue cannot take the inputs now, or {@link Reason#SHUTTING_DOWN} once shutdown has
	 * begun
	 * @throws IllegalStateException if the cascade has not been started
	 * @throws IllegalArgumentException if there are more inputs than the first queue
	 * holds
	 */
	public CompletableFuture<BatchingResult> submit(List<TextInput> inputs, RequestOptions options) {
		Objects.requireNonNull(options, "options");
		// Copies that keep encodings: those the tiers keep on them live as long as the
		// request.
		List<TextInput> copy = inputs.stream().map(TextInput::keepingEncodings).toList();
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
		Work work = this.admission.inputsWork(copy);
		Duration wait = (this.state == State.RUNNING) ? this.admission.refusal(work, timeoutNanos) : null;
		if (wait != null) {
			this.listener.requestRejected(0, Reason.OVERLOADED);
			throw new RequestRejectedException(Reason.OVERLOADED, 0, wait);
		}
		Request request = new Request(copy, options.probabilities(), this.clock.getAsLong(), timeoutNanos,
				this.tierNames, this.listener, this.listener.captureContext());
		long now = System.nanoTime();
		List<Item> items = new ArrayList<>(copy.size());
		for (int i = 0; i < copy.size(); i++) {
			items.add(new Item(request, i, now, null));
		}
		this.admission.queued(0, work);
		StageQueue.Offer offer = first.queue().offerAll(items);
		if (offer == StageQueue.Offer.ACCEPTED) {
			return request.future();
		}
		this.admission.done(0, work);
		Reason refusal = (offer == StageQueue.Offer.FULL) ? Reason.QUEUE_FULL : Reason.SHUTTING_DOWN;
		this.listener.requestRejected(0, refusal);
		throw new RequestRejectedException(refusal, 0, this.admission.retryAfter());
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
	 * Shuts down with the {@link BatchingCascadeBuilder#shutdownTimeout(Duration)
	 * shutdown timeout}, see {@link #shutdown(Duration)}. Does not close the tiers.
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
	 * Returns how many inputs wait in a stage's queue, a gauge. Cheap and lock-free.
	 * @param stage the zero-based stage index
	 * @return the number of queued inputs, possibly slightly stale
	 */
	public int queueDepth(int stage) {
		return this.runners.get(stage).queue().depth();
	}

	/**
	 * Returns the estimated time to finish the work admitted so far, all stages together,
	 * from each tier's measured cost per unit of work and escalation rate (see
	 * {@link Admission}). Cheap and lock-free.
	 * @return the estimate, possibly slightly stale
	 */
	public Duration estimatedBacklog() {
		return Duration.ofNanos((long) this.admission.backlogNanos());
	}

	/**
	 * Returns a stage's measured cost per unit of work, one of the two costs admission
	 * estimates with. An input's work is its characters, up to a cap that stands for the
	 * longest input the tiers read whole, plus a fixed amount for every input (see
	 * {@link Admission}).
	 * @param stage the zero-based stage index
	 * @return nanoseconds: the slope of a tier call's duration over the work of its
	 * inputs, fitted over recent calls ({@link CallCost}); zero until the stage has run a
	 * call
	 */
	public double costPerUnitNanos(int stage) {
		return this.admission.nanosPerUnit(stage);
	}

	/**
	 * Returns a stage's measured cost per tier call, beside the cost of its work: what a
	 * call takes whatever its size.
	 * @param stage the zero-based stage index
	 * @return nanoseconds, fitted over recent calls ({@link CallCost}); zero until the
	 * stage has run calls of sizes spread enough to tell the two costs apart
	 */
	public double costPerCallNanos(int stage) {
		return this.admission.nanosPerCall(stage);
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

}
