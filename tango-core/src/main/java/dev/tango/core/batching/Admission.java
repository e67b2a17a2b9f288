package dev.tango.core.batching;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Admission by time: estimates how long a {@link BatchingCascade} needs to finish the
 * work it has admitted, and admits a request only if the estimate, its own work included,
 * fits before the request's deadline.
 *
 * <p>
 * It learns online, from the tier calls the workers make: each stage's cost per input (a
 * moving average of a call's duration divided by its size, at the batch sizes actually
 * run) and its escalation rate (a moving average of the share of a call's inputs passed
 * to the next stage; {@code 1} until measured, so that a stage escalates everything until
 * seen doing otherwise). It counts each stage's pending inputs: queued, or taken by a
 * worker and not yet finished. The work ahead of a new request is, in nanoseconds,
 *
 * <pre>
 * backlog = Σ a(i)·c(i) / w(i),   a(0) = p(0),   a(i) = p(i) + e(i-1)·a(i-1)
 * </pre>
 *
 * where {@code p} are the pending inputs, {@code c} the costs per input, {@code w} the
 * workers and {@code e} the escalation rates of the stages: the inputs each stage will
 * still run, including those that earlier stages will escalate to it. The stages' times
 * are added, not overlapped, which overestimates when the stages run on separate cores;
 * an estimate that errs late only refuses a little early. A request of {@code n} inputs
 * adds its own {@code n·Σ c(i)/w(i)} (as if every input reached the last stage). Before a
 * stage's cost has been measured it counts as free.
 *
 * <p>
 * Thread-safe. Concurrent updates may lose a sample of a moving average, and an admission
 * decision reads the counts without locking: two requests admitted at the same moment may
 * both count on the same room. This is an estimate, not a reservation; the stage queues'
 * item capacities remain the hard bound on memory.
 */
final class Admission {

	/** Weight of a new sample in the moving averages: one call in eight. */
	private static final double SMOOTHING = 1.0 / 8;

	private static final long MAX_RETRY_AFTER_SECONDS = 60;

	private final StageLoad[] stages;

	private final double margin;

	/**
	 * Creates an estimator.
	 * @param workers the number of workers of each stage, in cascade order, each at least
	 * 1
	 * @param margin the share of a request's time kept in reserve against estimation
	 * errors, in [0, 1): a request is admitted only if the estimate is at most
	 * {@code (1 - margin)} times its timeout
	 */
	Admission(int[] workers, double margin) {
		if (!(margin >= 0 && margin < 1)) {
			throw new IllegalArgumentException("margin must be in [0, 1), was " + margin);
		}
		this.stages = new StageLoad[workers.length];
		for (int i = 0; i < workers.length; i++) {
			this.stages[i] = new StageLoad(workers[i], i == workers.length - 1);
		}
		this.margin = margin;
	}

	/**
	 * Decides whether a request may be admitted.
	 * @param inputs the request's inputs
	 * @param timeoutNanos the time from now to its deadline
	 * @return {@code null} to admit it; otherwise the wait before the work ahead has
	 * drained enough for such a request to fit, at least 1 and at most 60 seconds
	 */
	@Nullable Duration refusal(int inputs, long timeoutNanos) {
		double needed = backlogNanos() + ownNanos(inputs);
		double budget = (1 - this.margin) * timeoutNanos;
		if (needed <= budget) {
			return null;
		}
		return seconds(needed - budget);
	}

	/**
	 * Returns the suggested wait before retrying a request refused for another reason
	 * than admission: the time to work through what was admitted, at least 1 and at most
	 * 60 seconds.
	 * @return the wait
	 */
	Duration retryAfter() {
		return seconds(backlogNanos());
	}

	private static Duration seconds(double nanos) {
		long seconds = (long) Math.ceil(nanos / 1e9);
		return Duration.ofSeconds(Math.clamp(seconds, 1, MAX_RETRY_AFTER_SECONDS));
	}

	/**
	 * Returns the estimated time to finish the work admitted so far.
	 * @return nanoseconds, zero or more
	 */
	double backlogNanos() {
		double total = 0;
		double reaching = 0;
		for (StageLoad stage : this.stages) {
			reaching += Math.max(0, stage.pending.get());
			total += reaching * stage.nanosPerInput / stage.workers;
			reaching *= stage.escalation;
		}
		return total;
	}

	private double ownNanos(int inputs) {
		double total = 0;
		for (StageLoad stage : this.stages) {
			total += inputs * stage.nanosPerInput / stage.workers;
		}
		return total;
	}

	/**
	 * Counts inputs that joined a stage's queue, or are about to.
	 * @param stage the stage index
	 * @param inputs the number of inputs
	 */
	void queued(int stage, int inputs) {
		this.stages[stage].pending.addAndGet(inputs);
	}

	/**
	 * Counts inputs a stage is done with: run, dropped, refused or removed from its
	 * queue.
	 * @param stage the stage index
	 * @param inputs the number of inputs
	 */
	void done(int stage, int inputs) {
		this.stages[stage].pending.addAndGet(-inputs);
	}

	/**
	 * Learns from a tier call.
	 * @param stage the stage index
	 * @param size the inputs in the call, at least 1
	 * @param computeNanos the call's duration
	 * @param escalated how many of its inputs went on to the next stage
	 */
	void measured(int stage, int size, long computeNanos, int escalated) {
		StageLoad load = this.stages[stage];
		double cost = (double) computeNanos / size;
		double previous = load.nanosPerInput;
		load.nanosPerInput = (previous == 0) ? cost : previous + SMOOTHING * (cost - previous);
		if (!load.last) {
			double rate = (double) escalated / size;
			load.escalation = load.measured ? load.escalation + SMOOTHING * (rate - load.escalation) : rate;
			load.measured = true;
		}
	}

	/**
	 * Returns the inputs a stage holds: queued or being worked on.
	 * @param stage the stage index
	 * @return the count, possibly slightly stale
	 */
	int pending(int stage) {
		return this.stages[stage].pending.get();
	}

	/**
	 * Returns a stage's measured cost per input.
	 * @param stage the stage index
	 * @return nanoseconds of a worker's time per input; {@code 0} until measured
	 */
	double nanosPerInput(int stage) {
		return this.stages[stage].nanosPerInput;
	}

	/**
	 * Returns a stage's measured escalation rate.
	 * @param stage the stage index
	 * @return the share of its inputs passed on, in [0, 1]; {@code 0} for the last stage
	 */
	double escalation(int stage) {
		return this.stages[stage].escalation;
	}

	/**
	 * Starts counting down the inputs a worker took from a stage's queue.
	 * @param stage the stage index
	 * @param inputs the number of inputs taken
	 * @return the worker's tally, used by that worker only
	 */
	Taken taken(int stage, int inputs) {
		return new Taken(this, stage, inputs);
	}

	/**
	 * The inputs one worker took and has not finished, so that each is counted done
	 * exactly once, even when the worker fails half-way. Not thread-safe.
	 */
	static final class Taken {

		private final Admission admission;

		private final int stage;

		private int left;

		private Taken(Admission admission, int stage, int left) {
			this.admission = admission;
			this.stage = stage;
			this.left = left;
		}

		/**
		 * Counts inputs as done.
		 * @param inputs at most the inputs left
		 */
		void release(int inputs) {
			int count = Math.min(inputs, this.left);
			this.left -= count;
			this.admission.done(this.stage, count);
		}

		/** Counts every input left as done. */
		void releaseRest() {
			release(this.left);
		}

	}

	/** What the estimate knows of one stage. */
	private static final class StageLoad {

		final AtomicInteger pending = new AtomicInteger();

		final int workers;

		final boolean last;

		volatile double nanosPerInput;

		volatile double escalation;

		volatile boolean measured;

		StageLoad(int workers, boolean last) {
			if (workers < 1) {
				throw new IllegalArgumentException("workers must be at least 1, was " + workers);
			}
			this.workers = workers;
			this.last = last;
			this.escalation = last ? 0 : 1;
		}

	}

}
