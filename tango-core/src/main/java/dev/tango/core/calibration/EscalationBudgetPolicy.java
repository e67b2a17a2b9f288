package dev.tango.core.calibration;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the most accurate thresholds that send at most a budgeted share of inputs to
 * the last, costliest tier, allowing for sampling error so that the budget holds on new
 * inputs, not only on the labelled set.
 *
 * <p>
 * The escalation of a point is the share of all inputs that reach the last tier (with two
 * tiers, the share passed on past the first). It is a count {@code k} of {@code n}
 * exchangeable inputs, so a point qualifies when the one-sided Clopper–Pearson upper
 * confidence bound on that share, at {@code confidenceLevel}, is at most
 * {@code maxEscalation}. A point with a threshold of 0 at some gate sends nothing past
 * that gate: its escalation is 0 by construction, not an estimate, and it always
 * qualifies, so the policy always finds thresholds. Among the qualifying points the
 * highest accuracy wins, then the largest speedup, then the higher thresholds.
 *
 * @param maxEscalation the largest acceptable share of inputs reaching the last tier, in
 * {@code [0, 1]}
 * @param confidenceLevel the one-sided confidence level of the bound, in {@code [0.5, 1)}
 */
public record EscalationBudgetPolicy(double maxEscalation, double confidenceLevel) implements ThresholdPolicy {

	/** The default one-sided confidence level of the bound on the escalation. */
	public static final double DEFAULT_CONFIDENCE_LEVEL = 0.95;

	/** The policy's name in {@link ThresholdChoice#policy()}. */
	public static final String NAME = "escalation-budget";

	public EscalationBudgetPolicy {
		Budgets.check("maxEscalation", maxEscalation, confidenceLevel);
	}

	/**
	 * Returns the policy with the given budget and the default confidence level.
	 * @param maxEscalation the largest acceptable share of inputs reaching the last tier
	 */
	public EscalationBudgetPolicy(double maxEscalation) {
		this(maxEscalation, DEFAULT_CONFIDENCE_LEVEL);
	}

	@Override
	public ThresholdChoice choose(ThresholdSweep sweep) {
		List<OperatingPoint> points = sweep.points();
		int n = sweep.predictions().size();
		OperatingPoint best = null;
		int qualifying = 0;
		for (int i = points.size() - 1; i >= 0; i--) {
			OperatingPoint point = points.get(i);
			if (!qualifies(point, n)) {
				continue;
			}
			qualifying++;
			if (best == null || point.accuracy() > best.accuracy()
					|| (point.accuracy() == best.accuracy() && point.speedup() > best.speedup())) {
				best = point;
			}
		}
		if (best == null) {
			throw new IllegalStateException("A sweep always holds a point with every threshold 0");
		}
		Map<String, Double> parameters = new LinkedHashMap<>();
		parameters.put("maxEscalation", this.maxEscalation);
		parameters.put("confidenceLevel", this.confidenceLevel);
		return new ThresholdChoice(NAME, parameters, best, sweep.predictions().lastTierAccuracy(),
				best.dropUpperBound(this.confidenceLevel), true, method(sweep, best, qualifying));
	}

	/**
	 * Returns the share of all inputs that reach the last tier at a point.
	 * @param point an operating point of a sweep with at least two tiers
	 * @return the share, in {@code [0, 1]}; 0 for a single tier
	 */
	public static double lastTierShare(OperatingPoint point) {
		List<Double> escalation = point.escalation();
		return escalation.isEmpty() ? 0 : escalation.get(escalation.size() - 1);
	}

	/**
	 * Returns the one-sided upper confidence bound on the share of inputs reaching the
	 * last tier at a point: 0 when a threshold of 0 makes it so by construction, else the
	 * Clopper–Pearson bound.
	 * @param point an operating point of the sweep
	 * @param n the number of labelled inputs of the sweep
	 * @return the bound, in {@code [0, 1]}
	 */
	public double escalationUpperBound(OperatingPoint point, int n) {
		if (noneEscalated(point)) {
			return 0;
		}
		return Binomial.upperBound(count(point, n), n, this.confidenceLevel);
	}

	private boolean qualifies(OperatingPoint point, int n) {
		return noneEscalated(point)
				|| Binomial.upperBoundAtMost(count(point, n), n, this.confidenceLevel, this.maxEscalation);
	}

	private static boolean noneEscalated(OperatingPoint point) {
		return point.thresholds().isEmpty() || point.thresholds().contains(0.0);
	}

	private static long count(OperatingPoint point, int n) {
		return Math.round(lastTierShare(point) * n);
	}

	private String method(ThresholdSweep sweep, OperatingPoint chosen, int qualifying) {
		int n = sweep.predictions().size();
		if (sweep.tierCount() == 1) {
			return "A single tier answers every input: there is no threshold to choose.";
		}
		return String.format(Locale.ROOT,
				"Thresholds %s give the highest accuracy (%.2f%%, against %.2f%% for the last tier alone) among "
						+ "the %d of %d candidate points at which the one-sided %.0f%% Clopper–Pearson upper "
						+ "confidence bound on the share of inputs reaching the last tier is at most %.2f%% "
						+ "(n = %d; a threshold of 0 escalates nothing by construction). Here %.2f%% of inputs "
						+ "reach the last tier (bound %.2f%%); estimated speedup %.2fx against the last tier alone. "
						+ "The bound holds for new inputs exchangeable with the labelled set.",
				ThresholdChoices.format(chosen.thresholds()), 100 * chosen.accuracy(),
				100 * sweep.predictions().lastTierAccuracy(), qualifying, sweep.points().size(),
				100 * this.confidenceLevel, 100 * this.maxEscalation, n, 100 * lastTierShare(chosen),
				100 * escalationUpperBound(chosen, n), chosen.speedup());
	}

}
