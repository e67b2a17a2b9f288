package dev.tango.core.batching;

import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;

/**
 * Watches one tier call from its start to its end, as returned by
 * {@link BatchingListener#tierCallStarting}: for example a trace span that is current on
 * the worker's thread while the tier runs, so that what the tier does (a remote call)
 * belongs to it.
 */
@FunctionalInterface
public interface TierCallObserver {

	/** An observer that does nothing. */
	TierCallObserver NONE = (execution, failure) -> {
	};

	/**
	 * The tier call ended. Called exactly once, on the thread that started the call,
	 * right after the tier returned or threw an exception, before its inputs are answered
	 * or escalated. Must be fast and must not block; an exception it throws is logged and
	 * ignored.
	 * @param execution the call, its duration and its inputs' waits in the queue (when
	 * the call failed, its duration until the failure)
	 * @param failure the failure that the call's requests fail with, or {@code null} if
	 * the tier answered
	 */
	void ended(BatchExecution execution, @Nullable TierException failure);

}
