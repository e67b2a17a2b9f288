package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TextInput;
import org.jspecify.annotations.Nullable;

/**
 * One admitted request: its inputs, the answers so far, its statistics per stage and the
 * future that the caller holds. Stage workers answer its inputs concurrently; the one
 * that answers the last input completes the future.
 *
 * <p>
 * The future is completed once, by the engine or by the caller (cancellation): after that
 * the request's remaining inputs are dropped when a worker reaches them, and nothing in
 * the engine refers to it any more.
 */
final class Request {

	private static final int ACTIVE = 0;

	private static final int FINISHED = 1;

	private static final int ABANDONED = 2;

	private final List<TextInput> inputs;

	private final boolean probabilities;

	private final long startedAt;

	private final long timeoutNanos;

	private final long submittedNanos;

	private final BatchingListener listener;

	private final @Nullable Object context;

	private final CompletableFuture<BatchingResult> future = new CompletableFuture<>();

	private final Prediction[] predictions;

	private final AtomicInteger unanswered;

	/** {@link #ACTIVE} until the engine completes the future or sees the caller did. */
	private final AtomicInteger state = new AtomicInteger(ACTIVE);

	/** One per stage; guarded by {@code this}. */
	private final Tally[] tallies;

	/**
	 * Creates a request.
	 * @param inputs the inputs, not empty
	 * @param probabilities whether predictions carry probabilities
	 * @param startedAt the clock's reading at submission, in nanoseconds
	 * @param timeoutNanos the time after {@code startedAt} at which the deadline passes
	 * @param tierNames the tier names, in stage order
	 * @param listener where cancellations and refusals are reported
	 * @param context what the listener captured for the request, or {@code null}
	 */
	Request(List<TextInput> inputs, boolean probabilities, long startedAt, long timeoutNanos, List<String> tierNames,
			BatchingListener listener, @Nullable Object context) {
		this.inputs = inputs;
		this.probabilities = probabilities;
		this.startedAt = startedAt;
		this.timeoutNanos = timeoutNanos;
		this.submittedNanos = System.nanoTime();
		this.listener = listener;
		this.context = context;
		this.predictions = new Prediction[inputs.size()];
		this.unanswered = new AtomicInteger(inputs.size());
		this.tallies = tierNames.stream().map(Tally::new).toArray(Tally[]::new);
	}

	CompletableFuture<BatchingResult> future() {
		return this.future;
	}

	TextInput input(int position) {
		return this.inputs.get(position);
	}

	boolean probabilities() {
		return this.probabilities;
	}

	/**
	 * Returns what the listener captured for the request when it was admitted.
	 * @return the context, or {@code null} for none
	 */
	@Nullable Object context() {
		return this.context;
	}

	/**
	 * Returns the time left until the deadline.
	 * @param now the clock's reading, in nanoseconds
	 * @return the nanoseconds left, negative once the deadline has passed
	 */
	long nanosLeft(long now) {
		return this.timeoutNanos - (now - this.startedAt);
	}

	/**
	 * Returns whether the deadline has passed.
	 * @param now the clock's reading, in nanoseconds
	 * @return {@code true} once more than the timeout has elapsed since submission
	 */
	boolean expired(long now) {
		return now - this.startedAt > this.timeoutNanos;
	}

	/**
	 * Returns whether the future is already completed, so that the request's inputs must
	 * not run; reports a cancellation the first time it finds one.
	 * @return {@code true} if the request is over
	 */
	boolean isOver() {
		if (!this.future.isDone()) {
			return false;
		}
		if (this.state.compareAndSet(ACTIVE, ABANDONED)) {
			this.listener.requestCancelled();
		}
		return true;
	}

	/**
	 * Records that a tier call at a stage classified one of the inputs.
	 * @param stage the stage index
	 * @param batch an identifier of the tier call, unique within the stage
	 * @param queueNanos how long the input waited in the stage's queue
	 * @param computeNanos the duration of the tier call
	 * @param answered whether the stage answered the input
	 */
	synchronized void record(int stage, long batch, long queueNanos, long computeNanos, boolean answered) {
		Tally tally = this.tallies[stage];
		tally.inputs++;
		if (answered) {
			tally.answered++;
		}
		if (tally.lastBatch != batch) {
			tally.lastBatch = batch;
			tally.batches++;
			tally.computeNanos += computeNanos;
		}
		tally.queueNanos = Math.max(tally.queueNanos, queueNanos);
	}

	/**
	 * Sets the answer for one input; completes the future after the last one.
	 * @param position the input's index
	 * @param prediction the answer
	 */
	void answer(int position, Prediction prediction) {
		this.predictions[position] = prediction;
		if (this.unanswered.decrementAndGet() == 0 && this.state.compareAndSet(ACTIVE, FINISHED)) {
			settle(this.future.complete(result()));
		}
	}

	/**
	 * Fails the request, unless it is already over.
	 * @param failure the exception the future completes with
	 */
	void fail(Throwable failure) {
		if (this.state.compareAndSet(ACTIVE, FINISHED)) {
			settle(this.future.completeExceptionally(failure));
		}
	}

	/**
	 * Refuses the request, unless it is already over, and reports it.
	 * @param reason why
	 * @param stage the stage that refuses it
	 * @param retryAfter the suggested wait before a retry
	 */
	void reject(RequestRejectedException.Reason reason, int stage, Duration retryAfter) {
		if (this.state.compareAndSet(ACTIVE, FINISHED)) {
			this.listener.requestRejected(stage, reason);
			settle(this.future.completeExceptionally(new RequestRejectedException(reason, stage, retryAfter)));
		}
	}

	private void settle(boolean completed) {
		if (!completed) {
			this.listener.requestCancelled();
		}
	}

	private synchronized BatchingResult result() {
		List<StageStats> stages = new ArrayList<>(this.tallies.length);
		for (Tally tally : this.tallies) {
			stages.add(new StageStats(tally.tier, tally.inputs, tally.answered, tally.batches, tally.queueNanos,
					tally.computeNanos));
		}
		return new BatchingResult(Arrays.asList(this.predictions), stages, System.nanoTime() - this.submittedNanos);
	}

	/**
	 * What one stage did for the request so far.
	 */
	private static final class Tally {

		private final String tier;

		private int inputs;

		private int answered;

		private int batches;

		private long queueNanos;

		private long computeNanos;

		private long lastBatch = -1;

		Tally(String tier) {
			this.tier = tier;
		}

	}

}
