package dev.tango.core.batching;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tango.core.tier.TierException;

/**
 * A listener that records every event.
 */
final class RecordingListener implements BatchingListener {

	final List<BatchExecution> executed = new CopyOnWriteArrayList<>();

	final List<TierException> failed = new CopyOnWriteArrayList<>();

	final Map<Integer, AtomicInteger> answered = new ConcurrentHashMap<>();

	final List<String> rejected = new CopyOnWriteArrayList<>();

	final AtomicInteger cancelled = new AtomicInteger();

	@Override
	public void batchExecuted(BatchExecution batch) {
		this.executed.add(batch);
	}

	@Override
	public void batchFailed(int stage, String tier, int size, TierException cause) {
		this.failed.add(cause);
	}

	@Override
	public void inputsAnswered(int stage, int inputs) {
		this.answered.computeIfAbsent(stage, (key) -> new AtomicInteger()).addAndGet(inputs);
	}

	@Override
	public void requestRejected(int stage, RequestRejectedException.Reason reason) {
		this.rejected.add(stage + ":" + reason);
	}

	@Override
	public void requestCancelled() {
		this.cancelled.incrementAndGet();
	}

	int answeredAt(int stage) {
		AtomicInteger count = this.answered.get(stage);
		return (count != null) ? count.get() : 0;
	}

}
