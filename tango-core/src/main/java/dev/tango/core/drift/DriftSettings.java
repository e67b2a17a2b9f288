package dev.tango.core.drift;

/**
 * How sensitive a drift watch is, and how often it may raise a false alarm.
 *
 * @param falseAlarmProbability {@code α}: the probability, under the reference rates,
 * that any of a monitor's tests alarms within {@code window} answers, in {@code (0, 1)}
 * @param window {@code W}: the number of answers {@code α} is stated for, positive
 * @param oddsRatio the shift each test is tuned to detect: the odds of the watched event
 * multiplied (rise) or divided (fall) by it, above 1
 */
public record DriftSettings(double falseAlarmProbability, long window, double oddsRatio) {

	/**
	 * A 1% chance of a false alarm per 100,000 answers; tuned to a doubling or halving of
	 * the odds.
	 */
	public static final DriftSettings DEFAULT = new DriftSettings(0.01, 100_000, 2);

	public DriftSettings {
		if (!(falseAlarmProbability > 0 && falseAlarmProbability < 1)) {
			throw new IllegalArgumentException(
					"falseAlarmProbability must lie in (0, 1), was " + falseAlarmProbability);
		}
		if (window <= 0) {
			throw new IllegalArgumentException("window must be positive, was " + window);
		}
		if (!(oddsRatio > 1) || Double.isInfinite(oddsRatio)) {
			throw new IllegalArgumentException("oddsRatio must be above 1, was " + oddsRatio);
		}
	}

	/**
	 * Returns the threshold that keeps {@code tests} one-sided CUSUMs, each seeing at
	 * most one observation per answer, within the false-alarm probability:
	 * {@code h = ln(m·W/α)}, so that the union bound {@code m·W·e^(-h)} equals {@code α}.
	 * @param tests {@code m}, the number of one-sided tests, positive
	 * @return {@code h}
	 */
	public double threshold(int tests) {
		if (tests <= 0) {
			throw new IllegalArgumentException("tests must be positive, was " + tests);
		}
		return Math.log(tests * (double) this.window / this.falseAlarmProbability);
	}

	/**
	 * Returns the rate a rise of the odds by {@link #oddsRatio} leads to.
	 * @param p0 the reference rate, in {@code (0, 1)}
	 * @return the raised rate
	 */
	double raised(double p0) {
		return shifted(p0, this.oddsRatio);
	}

	/**
	 * Returns the rate a fall of the odds by {@link #oddsRatio} leads to.
	 * @param p0 the reference rate, in {@code (0, 1)}
	 * @return the lowered rate
	 */
	double lowered(double p0) {
		return shifted(p0, 1 / this.oddsRatio);
	}

	private static double shifted(double p0, double ratio) {
		double odds = ratio * p0 / (1 - p0);
		return odds / (1 + odds);
	}

}
