package dev.tango.core.batching;

/**
 * What a stage's tier calls cost, learned online: a call of {@code u} units of work takes
 * about {@code perCall + perUnit·u} nanoseconds. A call of one short input pays mostly
 * for the call, a full batch mostly for its units; a single cost per unit, learned from
 * either, would misjudge the other by the share of the per-call cost.
 *
 * <p>
 * The two costs are a least-squares line through the calls' (units, nanoseconds), with
 * exponentially decaying weights so that it follows a changing machine: each new call
 * weighs {@value #SMOOTHING} of the whole once many have been seen. The line is trusted
 * only where the calls' sizes explain at least {@value #MIN_EXPLAINED} of the variance of
 * their durations (r²) and its two costs are positive; otherwise, as while all calls have
 * had one size, the fit is the ratio of the mean duration to the mean size: all cost per
 * unit, which errs late for calls larger than those seen, and an estimate that errs late
 * only refuses a little early.
 *
 * <p>
 * Thread-safe: {@link #add} is serialized, {@link #fit} is a lock-free read of the last
 * fit.
 */
final class CallCost {

	/** Weight of a new call among the calls seen, once many have been. */
	static final double SMOOTHING = 1.0 / 16;

	/**
	 * Least share of the variance of the calls' durations that their sizes must explain
	 * for the line to be trusted.
	 */
	static final double MIN_EXPLAINED = 0.5;

	/**
	 * Variances below this share of the squared mean are taken as rounding noise of the
	 * decayed sums, not as spread.
	 */
	private static final double RELATIVE_NOISE = 1e-9;

	private double weight;

	private double units;

	private double nanos;

	private double unitsSquared;

	private double unitsTimesNanos;

	private double nanosSquared;

	private volatile Fit fit = new Fit(0, 0);

	/**
	 * Learns from a call.
	 * @param callUnits the work of the inputs in the call, at least 1
	 * @param callNanos the call's duration
	 */
	synchronized void add(long callUnits, long callNanos) {
		double keep = 1 - SMOOTHING;
		this.weight = keep * this.weight + 1;
		this.units = keep * this.units + callUnits;
		this.nanos = keep * this.nanos + callNanos;
		this.unitsSquared = keep * this.unitsSquared + (double) callUnits * callUnits;
		this.unitsTimesNanos = keep * this.unitsTimesNanos + (double) callUnits * callNanos;
		this.nanosSquared = keep * this.nanosSquared + (double) callNanos * callNanos;
		this.fit = line();
	}

	private Fit line() {
		double meanUnits = this.units / this.weight;
		double meanNanos = this.nanos / this.weight;
		Fit ratio = new Fit(0, meanNanos / meanUnits);
		double unitsVariance = this.unitsSquared / this.weight - meanUnits * meanUnits;
		double nanosVariance = this.nanosSquared / this.weight - meanNanos * meanNanos;
		double covariance = this.unitsTimesNanos / this.weight - meanUnits * meanNanos;
		if (!(unitsVariance > RELATIVE_NOISE * meanUnits * meanUnits
				&& nanosVariance > RELATIVE_NOISE * meanNanos * meanNanos && covariance > 0)
				|| covariance * covariance < MIN_EXPLAINED * unitsVariance * nanosVariance) {
			return ratio;
		}
		double slope = covariance / unitsVariance;
		double perCall = meanNanos - slope * meanUnits;
		return (perCall > 0) ? new Fit(perCall, slope) : ratio;
	}

	/**
	 * Returns the last fit.
	 * @return the costs; both {@code 0} until a call is measured
	 */
	Fit fit() {
		return this.fit;
	}

	/**
	 * The two costs of a call.
	 *
	 * @param perCall nanoseconds every call takes whatever its size, zero or more
	 * @param perUnit nanoseconds per unit of work, zero or more
	 */
	record Fit(double perCall, double perUnit) {

		/**
		 * Returns the time of calls.
		 * @param calls how many calls
		 * @param work the work of all their inputs
		 * @return nanoseconds
		 */
		double nanos(double calls, double work) {
			return calls * this.perCall + work * this.perUnit;
		}

	}

}
