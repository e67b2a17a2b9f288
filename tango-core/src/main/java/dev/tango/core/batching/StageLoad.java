package dev.tango.core.batching;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@link Admission} knows of one stage: its pending inputs and units, its costs
 * ({@link CallCost}), its escalation rate, workers and batch size; and the time calls and
 * work take there. Thread-safe as {@link Admission} says.
 */
final class StageLoad {

	final AtomicLong pendingInputs = new AtomicLong();

	final AtomicLong pendingUnits = new AtomicLong();

	final CallCost cost = new CallCost();

	final int workers;

	final int batchSize;

	final boolean last;

	volatile double escalation;

	volatile boolean measured;

	StageLoad(int workers, int batchSize, boolean last) {
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, was " + workers);
		}
		if (batchSize < 1) {
			throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
		}
		this.workers = workers;
		this.batchSize = batchSize;
		this.last = last;
		this.escalation = last ? 0 : 1;
	}

	/**
	 * Returns the calls that inputs known to be there take, in full batches.
	 * @param inputs how many inputs
	 * @return the calls
	 */
	long calls(long inputs) {
		return (inputs + this.batchSize - 1) / this.batchSize;
	}

	/**
	 * Returns the calls that inputs expected to be escalated here take: as many as the
	 * chance of any (up to one call) while fewer than a batch are expected, then one per
	 * batch.
	 * @param inputs the expected number of inputs, possibly a fraction
	 * @return the expected calls
	 */
	double expectedCalls(double inputs) {
		return Math.min(inputs, Math.max(1, inputs / this.batchSize));
	}

	/**
	 * Returns the time the stage's workers take for calls and their work: calls run on
	 * the workers side by side, so fewer calls than workers take one call's time; the
	 * work is shared among the workers.
	 * @param calls how many calls, possibly a fraction (an expected count)
	 * @param units the work of all their inputs
	 * @return nanoseconds
	 */
	double nanos(double calls, double units) {
		double rounds = Math.max(calls / this.workers, Math.min(calls, 1));
		return this.cost.fit().nanos(rounds, units / this.workers);
	}

}
