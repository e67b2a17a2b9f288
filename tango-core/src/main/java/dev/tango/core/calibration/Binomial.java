package dev.tango.core.calibration;

/**
 * Exact binomial tails and Clopper–Pearson confidence bounds for a proportion: the
 * sampling-error arithmetic of policies that count events (escalations, losses) among
 * {@code n} exchangeable inputs; and the Wilson score interval, which reports a
 * proportion observed live (accuracy from feedback).
 */
public final class Binomial {

	private Binomial() {
	}

	/**
	 * Returns {@code P(X ≤ k)} for {@code X ~ Binomial(n, p)}, summed exactly in log
	 * space (no normal approximation), in {@code O(min(k, n))} time.
	 * @param k the count; below 0 gives 0, {@code n} or more gives 1
	 * @param n the number of trials, non-negative
	 * @param p the success probability, in {@code [0, 1]}
	 * @return the probability, in {@code [0, 1]}
	 */
	public static double cdf(long k, long n, double p) {
		if (n < 0) {
			throw new IllegalArgumentException("n must not be negative, was " + n);
		}
		if (!(p >= 0 && p <= 1)) {
			throw new IllegalArgumentException("p must lie in [0, 1], was " + p);
		}
		if (k < 0) {
			return 0;
		}
		if (k >= n || p == 0) {
			return 1;
		}
		if (p == 1) {
			return 0;
		}
		double logOdds = Math.log(p) - Math.log1p(-p);
		double logTerm = n * Math.log1p(-p);
		double logMax = logTerm;
		double sum = 1;
		for (long i = 0; i < k; i++) {
			logTerm += Math.log((double) (n - i) / (i + 1)) + logOdds;
			if (logTerm > logMax) {
				sum = sum * Math.exp(logMax - logTerm) + 1;
				logMax = logTerm;
			}
			else {
				sum += Math.exp(logTerm - logMax);
			}
		}
		return Math.min(1, Math.exp(logMax + Math.log(sum)));
	}

	/**
	 * Returns the one-sided Clopper–Pearson upper confidence bound on a proportion: the
	 * largest {@code p} with {@code P(Binomial(n, p) ≤ k) ≥ 1 − confidenceLevel}. The
	 * true proportion lies below it with probability at least {@code confidenceLevel}.
	 * @param k the observed count, in {@code [0, n]}
	 * @param n the number of trials, at least 1
	 * @param confidenceLevel the one-sided confidence level, in {@code (0, 1)}
	 * @return the bound, in {@code [k / n, 1]}, accurate to {@code 1e-12}
	 */
	public static double upperBound(long k, long n, double confidenceLevel) {
		checkCount(k, n);
		checkLevel(confidenceLevel);
		if (k == n) {
			return 1;
		}
		double low = (double) k / n;
		double high = 1;
		double alpha = 1 - confidenceLevel;
		while (high - low > 1e-12) {
			double middle = (low + high) / 2;
			if (cdf(k, n, middle) >= alpha) {
				low = middle;
			}
			else {
				high = middle;
			}
		}
		return high;
	}

	/**
	 * Returns the one-sided Clopper–Pearson lower confidence bound on a proportion: the
	 * smallest {@code p} with {@code P(Binomial(n, p) ≥ k) ≥ 1 − confidenceLevel}.
	 * @param k the observed count, in {@code [0, n]}
	 * @param n the number of trials, at least 1
	 * @param confidenceLevel the one-sided confidence level, in {@code (0, 1)}
	 * @return the bound, in {@code [0, k / n]}, accurate to {@code 1e-12}
	 */
	public static double lowerBound(long k, long n, double confidenceLevel) {
		checkCount(k, n);
		return 1 - upperBound(n - k, n, confidenceLevel);
	}

	/**
	 * Returns whether the Clopper–Pearson upper bound of {@link #upperBound} is at most a
	 * limit, with one tail evaluation instead of a search.
	 * @param k the observed count, in {@code [0, n]}
	 * @param n the number of trials, at least 1
	 * @param confidenceLevel the one-sided confidence level, in {@code (0, 1)}
	 * @param limit the limit, in {@code [0, 1]}
	 * @return {@code true} if the bound does not exceed the limit
	 */
	public static boolean upperBoundAtMost(long k, long n, double confidenceLevel, double limit) {
		checkCount(k, n);
		checkLevel(confidenceLevel);
		if (limit >= 1) {
			return true;
		}
		if (k == n || limit < 0) {
			return false;
		}
		return cdf(k, n, limit) <= 1 - confidenceLevel;
	}

	/**
	 * Returns the two-sided Wilson score interval of a proportion: the proportions
	 * {@code p} whose normal test of {@code k} successes in {@code n} trials does not
	 * reject at the given level. Unlike the plain normal interval it stays within
	 * {@code [0, 1]} and is not empty at {@code k = 0} or {@code k = n}; its coverage is
	 * close to the nominal level even for small {@code n}, where the exact
	 * Clopper–Pearson interval is wider than it needs to be. Live accuracy from feedback
	 * is reported with it.
	 * @param k the observed successes, in {@code [0, n]}
	 * @param n the number of trials, at least 1
	 * @param confidenceLevel the two-sided confidence level, in {@code (0, 1)}, such as
	 * 0.95
	 * @return the interval, containing {@code k / n}
	 */
	public static Interval wilson(long k, long n, double confidenceLevel) {
		checkCount(k, n);
		checkLevel(confidenceLevel);
		double z = Normal.quantile(1 - (1 - confidenceLevel) / 2);
		double z2 = z * z;
		double p = (double) k / n;
		double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
		double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
		double lower = (k == 0) ? 0 : Math.max(0, centre - half);
		double upper = (k == n) ? 1 : Math.min(1, centre + half);
		return new Interval(Math.min(lower, p), Math.max(upper, p));
	}

	private static void checkCount(long k, long n) {
		if (n < 1 || k < 0 || k > n) {
			throw new IllegalArgumentException("Need 0 ≤ k ≤ n and n ≥ 1, was k = " + k + ", n = " + n);
		}
	}

	private static void checkLevel(double confidenceLevel) {
		if (!(confidenceLevel > 0 && confidenceLevel < 1)) {
			throw new IllegalArgumentException("confidenceLevel must lie in (0, 1), was " + confidenceLevel);
		}
	}

	/**
	 * A two-sided confidence interval of a proportion.
	 *
	 * @param lower its lower bound, in [0, 1]
	 * @param upper its upper bound, in [lower, 1]
	 */
	public record Interval(double lower, double upper) {

	}

}
