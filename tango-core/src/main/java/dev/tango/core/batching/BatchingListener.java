package dev.tango.core.batching;

import dev.tango.core.tier.TierException;

/**
 * Receives the events of a {@link BatchingCascade}, for metrics. Every method does
 * nothing by default.
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

}
