package dev.tango.core.batching;

import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;

/**
 * Receives the events of a {@link BatchingCascade}, for metrics, and lets a tracer follow
 * requests into the tier calls that hold their inputs. Every method does nothing by
 * default.
 *
 * <p>
 * Methods are called from submitting threads and from stage workers, concurrently, so an
 * implementation must be thread-safe, fast and non-blocking. An exception thrown by a
 * method is logged and ignored. Events about a request are reported before its future
 * completes.
 */
public interface BatchingListener {

	/** A listener that ignores every event. */
	BatchingListener NONE = new BatchingListener() {
	};

	/**
	 * A tier call returned.
	 * @param batch the call
	 */
	default void batchExecuted(BatchExecution batch) {
	}

	/**
	 * A tier call failed; the requests with inputs in it fail with {@code cause}.
	 * @param stage the zero-based stage index
	 * @param tier the tier's name
	 * @param size the number of inputs in the call
	 * @param cause the failure
	 */
	default void batchFailed(int stage, String tier, int size, TierException cause) {
	}

	/**
	 * A stage answered inputs (they go no further).
	 * @param stage the zero-based stage index
	 * @param inputs the number of inputs answered, at least 1
	 */
	default void inputsAnswered(int stage, int inputs) {
	}

	/**
	 * A request was refused: at submission, or later because a queue was full, its
	 * deadline passed or the cascade shut down.
	 * @param stage the zero-based index of the stage that refused it
	 * @param reason why
	 */
	default void requestRejected(int stage, RequestRejectedException.Reason reason) {
	}

	/**
	 * The engine found that the caller had completed a request's future, usually by
	 * cancelling it; its remaining inputs are dropped without running.
	 */
	default void requestCancelled() {
	}

	/**
	 * A request is being admitted: returns what the engine keeps with it and hands back,
	 * in {@link TierCall#requestContexts()}, for every tier call that holds its inputs.
	 * Called on the thread that submits the request, once it passed admission and before
	 * its inputs join the first queue, so that an implementation can capture what is
	 * current there, such as the caller's trace context. Returns {@code null} by default.
	 * @return the request's context, opaque to the engine, or {@code null} for none
	 */
	default @Nullable Object captureContext() {
		return null;
	}

	/**
	 * A stage worker is about to call a tier. The worker then calls the tier on the same
	 * thread and tells the returned observer how the call ended, so that an
	 * implementation may make something current on the thread for the duration of the
	 * call (a trace span) and end it there. Returns {@link TierCallObserver#NONE} by
	 * default.
	 * @param call the call to be made
	 * @return the observer of the call
	 */
	default TierCallObserver tierCallStarting(TierCall call) {
		return TierCallObserver.NONE;
	}

}
