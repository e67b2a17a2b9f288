package dev.tango.core.drift;

/**
 * A one-sided Bernoulli CUSUM: the log-likelihood-ratio statistic of a stream of yes/no
 * observations for the rate {@code p1} against the reference rate {@code p0},
 * {@code S_t = max(0, S_(t-1) + llr(x_t))}, which alarms at {@code S_t ≥ h}.
 *
 * <p>
 * Under the reference rate, from a start at 0, the probability that it alarms within
 * {@code W} observations is at most {@code W·e^(-h)} (Ville's inequality for the
 * likelihood ratio from each possible change point, and a union bound over them); its
 * mean run length to a false alarm is at least {@code e^h} (Lorden). The statistic is
 * capped at {@code 2h}, so that an alarm clears after the stream has looked like the
 * reference again for a while; the cap only lowers it, so the bounds hold.
 *
 * <p>
 * Not thread-safe: its owner serialises the calls.
 */
public final class BernoulliCusum {

	private final double yes;

	private final double no;

	private final double threshold;

	private final double cap;

	private double statistic;

	private boolean alarm;

	/**
	 * Creates a CUSUM at 0.
	 * @param p0 the reference rate, in {@code (0, 1)}
	 * @param p1 the rate it is to detect, in {@code (0, 1)}, not {@code p0}
	 * @param threshold the alarm threshold {@code h}, positive
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public BernoulliCusum(double p0, double p1, double threshold) {
		if (!(p0 > 0 && p0 < 1) || !(p1 > 0 && p1 < 1) || p0 == p1) {
			throw new IllegalArgumentException("rates must lie in (0, 1) and differ, were " + p0 + " and " + p1);
		}
		if (!(threshold > 0) || Double.isInfinite(threshold)) {
			throw new IllegalArgumentException("threshold must be positive, was " + threshold);
		}
		this.yes = Math.log(p1 / p0);
		this.no = Math.log((1 - p1) / (1 - p0));
		this.threshold = threshold;
		this.cap = 2 * threshold;
	}

	/**
	 * Adds an observation.
	 * @param success whether the event happened
	 * @return whether the statistic is at or above the threshold afterwards
	 */
	public boolean observe(boolean success) {
		this.statistic = Math.min(this.cap, Math.max(0, this.statistic + (success ? this.yes : this.no)));
		this.alarm = this.statistic >= this.threshold;
		return this.alarm;
	}

	/**
	 * Returns the statistic.
	 * @return {@code S_t}, in {@code [0, 2h]}
	 */
	public double statistic() {
		return this.statistic;
	}

	/**
	 * Returns the threshold.
	 * @return {@code h}
	 */
	public double threshold() {
		return this.threshold;
	}

	/**
	 * Returns whether the last observation left the statistic at or above the threshold.
	 * @return whether it alarms
	 */
	public boolean alarm() {
		return this.alarm;
	}

}
