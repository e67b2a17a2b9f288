package dev.tango.core.batching;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.tango.core.tier.TierException;
import org.jspecify.annotations.Nullable;

/**
 * Forwards events to a listener, logging and ignoring what it throws, so that a faulty
 * listener cannot stop a stage worker. The first failure is logged as a warning, later
 * ones at debug level.
 */
final class SafeListener implements BatchingListener {

	private static final System.Logger logger = System.getLogger(BatchingCascade.class.getName());

	private final BatchingListener delegate;

	private final AtomicBoolean warned = new AtomicBoolean();

	SafeListener(BatchingListener delegate) {
		this.delegate = delegate;
	}

	@Override
	public void batchExecuted(BatchExecution batch) {
		try {
			this.delegate.batchExecuted(batch);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	@Override
	public void batchFailed(int stage, String tier, int size, TierException cause) {
		try {
			this.delegate.batchFailed(stage, tier, size, cause);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	@Override
	public void inputsAnswered(int stage, int inputs) {
		try {
			this.delegate.inputsAnswered(stage, inputs);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	@Override
	public void requestRejected(int stage, RequestRejectedException.Reason reason) {
		try {
			this.delegate.requestRejected(stage, reason);
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	@Override
	public void requestCancelled() {
		try {
			this.delegate.requestCancelled();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	@Override
	public @Nullable Object captureContext() {
		try {
			return this.delegate.captureContext();
		}
		catch (RuntimeException ex) {
			failed(ex);
			return null;
		}
	}

	@Override
	public TierCallObserver tierCallStarting(TierCall call) {
		TierCallObserver observer;
		try {
			observer = this.delegate.tierCallStarting(call);
		}
		catch (RuntimeException ex) {
			failed(ex);
			return TierCallObserver.NONE;
		}
		if (observer == TierCallObserver.NONE) {
			return observer;
		}
		return (execution, failure) -> {
			try {
				observer.ended(execution, failure);
			}
			catch (RuntimeException ex) {
				failed(ex);
			}
		};
	}

	private void failed(RuntimeException ex) {
		Level level = this.warned.compareAndSet(false, true) ? Level.WARNING : Level.DEBUG;
		logger.log(level, "Batching listener failed; the event is ignored", ex);
	}

}
