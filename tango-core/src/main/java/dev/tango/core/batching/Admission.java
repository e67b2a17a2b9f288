package dev.tango.core.batching;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;

/**
 * Admission by time: estimates how long a {@link BatchingCascade} needs to finish the
 * work it has admitted, and admits a request only if the estimate, its own work included,
 * fits before the request's deadline.
 *
 * <p>
 * Work is counted in units that follow what an input costs ({@link #work(TextInput)}):
 * its characters (both texts of a pair), up to a cap that stands for the longest input
 * the cascade's tiers read whole (they truncate longer ones, which cost no more), plus
 * {@value #PER_INPUT} for what every input costs whatever its length. A request of long
 * texts counts for more than one of short texts, so that what calls on either teach the
 * estimate holds for the other.
 *
 * <p>
 * It learns online, from the tier calls the workers make: each stage's cost per unit (a
 * moving average of a call's duration divided by its work, at the batch sizes actually
 * run) and its escalation rate (a moving average of the share of a call's work passed to
 * the next stage; {@code 1} until measured, so that a stage escalates everything until
 * seen doing otherwise). It counts each stage's pending work: queued, or taken by a
 * worker and not yet finished. The work ahead of a new request is, in nanoseconds,
 *
 * <pre>
 * backlog = Σ a(i)·c(i) / w(i),   a(0) = p(0),   a(i) = p(i) + e(i-1)·a(i-1)
 * </pre>
 *
 * where {@code p} is each stage's pending work, {@code c} its cost per unit, {@code w}
 * its workers and {@code e} its escalation rate: the work each stage will still do,
 * including what earlier stages will escalate to it. The stages' times are added, not
 * overlapped, which overestimates when the stages run on separate cores; an estimate that
 * errs late only refuses a little early. A request of work {@code n} adds its own
 * {@code n·Σ c(i)/w(i)} (as if every input reached the last stage). Before a stage's cost
 * has been measured it counts as free.
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
	 * @param margin the share of a request's time kept in reserve against estimation
	 * errors, in [0, 1): a request is admitted only if the estimate is at most
	 * {@code (1 - margin)} times its timeout
	 * @param maxInputTokens the longest input, in tokens, that the tiers read whole: the
	 * most of {@link dev.tango.core.tier.Tier#maxInputTokens()} over the tiers that
	 * truncate, or {@link Integer#MAX_VALUE} where none does
	 */
	Admission(int[] workers, double margin, int maxInputTokens) {
		if (!(margin >= 0 && margin < 1)) {
			throw new IllegalArgumentException("margin must be in [0, 1), was " + margin);
		}
		if (maxInputTokens < 1) {
			throw new IllegalArgumentException("maxInputTokens must be at least 1, was " + maxInputTokens);
		}
		this.stages = new StageLoad[workers.length];
		for (int i = 0; i < workers.length; i++) {
			this.stages[i] = new StageLoad(workers[i], i == workers.length - 1);
		}
		this.margin = margin;
		this.maxChars = (int) Math.min(Integer.MAX_VALUE, (long) maxInputTokens * CHARS_PER_TOKEN);
	}

	/**
	 * Returns the work an input counts for, as described above.
	 * @param input the input
	 * @return its units, at least {@value #PER_INPUT}
	 */
	long work(TextInput input) {
		return Math.min(input.charLength(), this.maxChars) + (long) PER_INPUT;
	}

	/**
	 * Returns the work of items' inputs.
	 * @param items the items
	 * @return the sum of their inputs' work
	 */
	long work(List<Item> items) {
		long total = 0;
		for (Item item : items) {
			total += work(item.input());
		}
		return total;
	}

	/**
	 * Decides whether a request may be admitted: when the work ahead and its own fit
	 * before its deadline less the margin, and always when no work is ahead. A request
	 * whose own work alone does not fit would wait in vain for a better moment; admitted
	 * on an idle cascade, it either finishes (the estimate erred, and its calls correct
	 * it) or fails at its deadline, having held back no one.
	 * @param work the request's work, the sum of its inputs'
	 * @param timeoutNanos the time from now to its deadline
	 * @return {@code null} to admit it; otherwise the wait before the work ahead has
	 * drained enough for such a request to fit, or has drained, at least 1 and at most 60
	 * seconds
	 */
	@Nullable Duration refusal(long work, long timeoutNanos) {
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
		double reaching = 0;
		for (StageLoad stage : this.stages) {
			reaching += Math.max(0, stage.pending.get());
			total += reaching * stage.nanosPerUnit / stage.workers;
			reaching *= stage.escalation;
		}
		return total;
	}

	private double ownNanos(long work) {
		double total = 0;
		for (StageLoad stage : this.stages) {
			total += work * stage.nanosPerUnit / stage.workers;
		}
		return total;
	}

	/**
	 * Counts work that joined a stage's queue, or is about to.
	 * @param stage the stage index
	 * @param work the work of the inputs
	 */
	void queued(int stage, long work) {
		this.stages[stage].pending.addAndGet(work);
	}

	/**
	 * Counts work a stage is done with: inputs run, dropped, refused or removed from its
	 * queue.
	 * @param stage the stage index
	 * @param work the work of the inputs
	 */
	void done(int stage, long work) {
		this.stages[stage].pending.addAndGet(-work);
	}

	/**
	 * Learns from a tier call.
	 * @param stage the stage index
	 * @param work the work of the inputs in the call, at least 1
	 * @param computeNanos the call's duration
	 * @param escalated the work of those of its inputs that went on to the next stage
	 */
	void measured(int stage, long work, long computeNanos, long escalated) {
		StageLoad load = this.stages[stage];
		double cost = (double) computeNanos / work;
		double previous = load.nanosPerUnit;
		load.nanosPerUnit = (previous == 0) ? cost : previous + SMOOTHING * (cost - previous);
		if (!load.last) {
			double rate = (double) escalated / work;
			load.escalation = load.measured ? load.escalation + SMOOTHING * (rate - load.escalation) : rate;
			load.measured = true;
		}
	}

	/**
	 * Returns the work a stage holds: queued or being worked on.
	 * @param stage the stage index
	 * @return the units, possibly slightly stale
	 */
	long pending(int stage) {
		return this.stages[stage].pending.get();
	}

	/**
	 * Returns a stage's measured cost per unit of work.
	 * @param stage the stage index
	 * @return nanoseconds of a worker's time per unit; {@code 0} until measured
	 */
	double nanosPerUnit(int stage) {
		return this.stages[stage].nanosPerUnit;
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
	Taken taken(int stage, long work) {
		return new Taken(this, stage, work);
	}

	/**
	 * The work one worker took and has not finished, so that each input is counted done
	 * exactly once, even when the worker fails half-way. Not thread-safe.
	 */
	static final class Taken {

		private final Admission admission;

		private final int stage;

		private long left;

		private Taken(Admission admission, int stage, long left) {
			this.admission = admission;
			this.stage = stage;
			this.left = left;
		}

		/**
		 * Counts work as done.
		 * @param work at most the work left
		 */
		void release(long work) {
			long units = Math.min(work, this.left);
			this.left -= units;
			this.admission.done(this.stage, units);
		}

		/** Counts all the work left as done. */
		void releaseRest() {
			release(this.left);
		}

	}

	/** What the estimate knows of one stage. */
	private static final class StageLoad {

		final AtomicLong pending = new AtomicLong();

		final int workers;

		final boolean last;

		volatile double nanosPerUnit;

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
