package dev.tango.core.batching;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;

/**
 * Admission by time: estimates how long a {@link BatchingCascade} needs to finish the
 * work it has admitted, and admits a request only if the estimate, its own work included,
 * fits before the request's deadline.
 *
 * <p>
 * Work is counted in inputs and in units that follow what an input costs
 * ({@link #work(TextInput)}): its characters (both texts of a pair), up to a cap that
 * stands for the longest input the cascade's tiers read whole (they truncate longer ones,
 * which cost no more), plus {@value #PER_INPUT} for what every input costs whatever its
 * length. A request of long texts counts for more than one of short texts, so that what
 * calls on either teach the estimate holds for the other.
 *
 * <p>
 * It learns online, from the tier calls the workers make: each stage's cost per call and
 * per unit ({@link CallCost}: one short input pays mostly for its call, a full batch
 * mostly for its units) and its escalation rate (a moving average of the share of a
 * call's work passed to the next stage; {@code 1} until measured, so that a stage
 * escalates everything until seen doing otherwise). It counts each stage's pending work:
 * queued, or taken by a worker and not yet finished. The work ahead of a new request is,
 * in nanoseconds,
 *
 * <pre>
 * backlog = Σ k(i)·max(m(i) / w(i), min(m(i), 1)) + u(i)·c(i) / w(i)
 * m(i) = ⌈pn(i) / b(i)⌉ + min(x(i), max(1, x(i) / b(i)))     (calls)
 * x(0) = 0,       x(i) = e(i-1)·(pn(i-1) + x(i-1))            (inputs escalated to it)
 * u(0) = pu(0),   u(i) = pu(i) + e(i-1)·u(i-1)                (units)
 * </pre>
 *
 * where {@code pn} and {@code pu} are each stage's pending inputs and units, {@code b}
 * its batch size, {@code k} its cost per call, {@code c} its cost per unit, {@code w} its
 * workers and {@code e} its escalation rate: the calls and work each stage will still do,
 * including what earlier stages are expected to escalate to it. Pending inputs fill whole
 * batches; inputs only expected count as the chance of a call while fewer than a batch
 * are expected. Calls run side by side on a stage's workers, so fewer calls than workers
 * take the time of one; the work is shared among them. The stages' times are added, not
 * overlapped, which overestimates when the stages run on separate cores; an estimate that
 * errs late only refuses a little early. A request's own work is counted the same way at
 * every stage (as if every input reached the last stage). Before a stage's costs have
 * been measured it counts as free.
 *
 * <p>
 * Thread-safe. Concurrent updates may lose a sample of the escalation rate, and an
 * admission decision reads the counts without locking: two requests admitted at the same
 * moment may both count on the same room. This is an estimate, not a reservation; the
 * stage queues' item capacities remain the hard bound on memory.
 */
final class Admission {

	/** Weight of a new call in the escalation rate's moving average: one in eight. */
	private static final double SMOOTHING = 1.0 / 8;

	private static final long MAX_RETRY_AFTER_SECONDS = 60;

	/** The units every input counts for beside its characters: its fixed cost. */
	static final int PER_INPUT = 16;

	/** Characters per token assumed to turn the tiers' token limit into a cap. */
	private static final int CHARS_PER_TOKEN = 5;

	private final StageLoad[] stages;

	private final double margin;

	private final int maxChars;

	/**
	 * Creates an estimator.
	 * @param workers the number of workers of each stage, in cascade order, each at least
	 * 1
	 * @param batchSizes the most inputs of a tier call of each stage, in cascade order,
	 * each at least 1
	 * @param margin the share of a request's time kept in reserve against estimation
	 * errors, in [0, 1): a request is admitted only if the estimate is at most
	 * {@code (1 - margin)} times its timeout
	 * @param maxInputTokens the longest input, in tokens, that the tiers read whole: the
	 * most of {@link dev.tango.core.tier.Tier#maxInputTokens()} over the tiers that
	 * truncate, or {@link Integer#MAX_VALUE} where none does
	 */
	Admission(int[] workers, int[] batchSizes, double margin, int maxInputTokens) {
		if (!(margin >= 0 && margin < 1)) {
			throw new IllegalArgumentException("margin must be in [0, 1), was " + margin);
		}
		if (maxInputTokens < 1) {
			throw new IllegalArgumentException("maxInputTokens must be at least 1, was " + maxInputTokens);
		}
		if (batchSizes.length != workers.length) {
			throw new IllegalArgumentException(
					"One batch size per stage: " + batchSizes.length + " for " + workers.length + " stages");
		}
		this.stages = new StageLoad[workers.length];
		for (int i = 0; i < workers.length; i++) {
			this.stages[i] = new StageLoad(workers[i], batchSizes[i], i == workers.length - 1);
		}
		this.margin = margin;
		this.maxChars = (int) Math.min(Integer.MAX_VALUE, (long) maxInputTokens * CHARS_PER_TOKEN);
	}

	/**
	 * Returns the units an input counts for, as described above.
	 * @param input the input
	 * @return its units, at least {@value #PER_INPUT}
	 */
	long work(TextInput input) {
		return Math.min(input.charLength(), this.maxChars) + (long) PER_INPUT;
	}

	/**
	 * Returns the work of inputs.
	 * @param inputs the inputs
	 * @return their count and the sum of their units
	 */
	Work inputsWork(List<TextInput> inputs) {
		long units = 0;
		for (TextInput input : inputs) {
			units += work(input);
		}
		return new Work(inputs.size(), units);
	}

	/**
	 * Returns the work of items' inputs.
	 * @param items the items
	 * @return their count and the sum of their inputs' units
	 */
	Work work(List<Item> items) {
		long units = 0;
		for (Item item : items) {
			units += work(item.input());
		}
		return new Work(items.size(), units);
	}

	/**
	 * Decides whether a request may be admitted: when the work ahead and its own fit
	 * before its deadline less the margin, and always when no work is ahead. A request
	 * whose own work alone does not fit would wait in vain for a better moment; admitted
	 * on an idle cascade, it either finishes (the estimate erred, and its calls correct
	 * it) or fails at its deadline, having held back no one.
	 * @param work the request's work
	 * @param timeoutNanos the time from now to its deadline
	 * @return {@code null} to admit it; otherwise the wait before the work ahead has
	 * drained enough for such a request to fit, or has drained, at least 1 and at most 60
	 * seconds
	 */
	@Nullable Duration refusal(Work work, long timeoutNanos) {
		double backlog = backlogNanos();
		double own = ownNanos(work);
		double budget = (1 - this.margin) * timeoutNanos;
		if (backlog == 0 || backlog + own <= budget) {
			return null;
		}
		return seconds(Math.min(backlog, backlog + own - budget));
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
		double escalated = 0;
		double units = 0;
		for (StageLoad stage : this.stages) {
			long pending = Math.max(0, stage.pendingInputs.get());
			units += Math.max(0, stage.pendingUnits.get());
			total += stage.nanos(stage.calls(pending) + stage.expectedCalls(escalated), units);
			escalated = (pending + escalated) * stage.escalation;
			units *= stage.escalation;
		}
		return total;
	}

	private double ownNanos(Work work) {
		double total = 0;
		for (StageLoad stage : this.stages) {
			total += stage.nanos(stage.calls(work.inputs()), work.units());
		}
		return total;
	}

	/**
	 * Counts work that joined a stage's queue, or is about to.
	 * @param stage the stage index
	 * @param work the work of the inputs
	 */
	void queued(int stage, Work work) {
		StageLoad load = this.stages[stage];
		load.pendingInputs.addAndGet(work.inputs());
		load.pendingUnits.addAndGet(work.units());
	}

	/**
	 * Counts work a stage is done with: inputs run, dropped, refused or removed from its
	 * queue.
	 * @param stage the stage index
	 * @param work the work of the inputs
	 */
	void done(int stage, Work work) {
		StageLoad load = this.stages[stage];
		load.pendingInputs.addAndGet(-work.inputs());
		load.pendingUnits.addAndGet(-work.units());
	}

	/**
	 * Learns from a tier call.
	 * @param stage the stage index
	 * @param units the work of the inputs in the call, at least 1
	 * @param computeNanos the call's duration
	 * @param escalated the units of those of its inputs that went on to the next stage
	 */
	void measured(int stage, long units, long computeNanos, long escalated) {
		StageLoad load = this.stages[stage];
		load.cost.add(units, computeNanos);
		if (!load.last) {
			double rate = (double) escalated / units;
			load.escalation = load.measured ? load.escalation + SMOOTHING * (rate - load.escalation) : rate;
			load.measured = true;
		}
	}

	/**
	 * Returns the units of work a stage holds: queued or being worked on.
	 * @param stage the stage index
	 * @return the units, possibly slightly stale
	 */
	long pending(int stage) {
		return this.stages[stage].pendingUnits.get();
	}

	/**
	 * Returns a stage's measured cost per unit of work.
	 * @param stage the stage index
	 * @return nanoseconds of a worker's time per unit; {@code 0} until measured
	 */
	double nanosPerUnit(int stage) {
		return this.stages[stage].cost.fit().perUnit();
	}

	/**
	 * Returns a stage's measured cost per tier call, beside the cost of its units.
	 * @param stage the stage index
	 * @return nanoseconds of a worker's time per call; {@code 0} until measured, or while
	 * the calls' sizes have not spread enough to tell the two costs apart
	 */
	double nanosPerCall(int stage) {
		return this.stages[stage].cost.fit().perCall();
	}

	/**
	 * Returns a stage's measured escalation rate.
	 * @param stage the stage index
	 * @return the share of its work passed on, in [0, 1]; {@code 0} for the last stage
	 */
	double escalation(int stage) {
		return this.stages[stage].escalation;
	}

	/**
	 * Starts counting down the work a worker took from a stage's queue.
	 * @param stage the stage index
	 * @param work the work of the inputs taken
	 * @return the worker's tally, used by that worker only
	 */
	Taken taken(int stage, Work work) {
		return new Taken(this, stage, work);
	}

	/**
	 * The work one worker took and has not finished, so that each input is counted done
	 * exactly once, even when the worker fails half-way. Not thread-safe.
	 */
	static final class Taken {

		private final Admission admission;

		private final int stage;

		private Work left;

		private Taken(Admission admission, int stage, Work left) {
			this.admission = admission;
			this.stage = stage;
			this.left = left;
		}

		/**
		 * Counts work as done.
		 * @param work at most the work left
		 */
		void release(Work work) {
			Work part = work.atMost(this.left);
			this.left = this.left.minus(part);
			this.admission.done(this.stage, part);
		}

		/** Counts all the work left as done. */
		void releaseRest() {
			release(this.left);
		}

	}

}
