package dev.tango.core.calibration;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the thresholds with the largest estimated speedup whose accuracy stays within a
 * budget of the last tier alone, allowing for sampling error so that the choice holds on
 * new inputs, not only on the labelled set.
 *
 * <p>
 * The accuracy drop is paired: per input {@code d = correct(last tier alone) −
 * correct(cascade)}, and a point qualifies when the one-sided upper confidence bound
 * {@code mean(d) + z·sd(d)/√n} is at most {@code maxDrop}, {@code z} being the standard
 * normal quantile at {@code confidenceLevel}. With two tiers a threshold qualifies only
 * if every candidate threshold above it does too, so that a lucky dip in a noisy curve is
 * not chosen; with more tiers every point of the grid is judged on its own. Among the
 * qualifying points the largest speedup wins, then the higher accuracy, then the higher
 * thresholds. If none qualifies, every threshold is 1: the last tier answers every input
 * whose confidence is below 1 everywhere before it.
 *
 * @param maxDrop the largest acceptable accuracy drop against the last tier alone, as a
 * fraction in {@code [0, 1]} (0.005 is half a point)
 * @param confidenceLevel the one-sided confidence level of the bound, in
 * {@code [0.5, 1)}; 0.5 judges the point estimate alone
 */
public record AccuracyBudgetPolicy(double maxDrop, double confidenceLevel) implements ThresholdPolicy {

	/** The default accuracy budget: half a point. */
	public static final double DEFAULT_MAX_DROP = 0.005;

	/**
	 * The default one-sided confidence level of the bound on the drop: 0.9. Testing the
	 * candidate thresholds from the highest down and stopping at the first that fails is
	 * fixed-sequence testing, so the chosen thresholds' true drop exceeds the budget in
	 * about one calibration in ten at most (as far as the normal approximation holds).
	 */
	public static final double DEFAULT_CONFIDENCE_LEVEL = 0.90;

	/** The policy's name in {@link ThresholdChoice#policy()}. */
	public static final String NAME = "accuracy-budget";

	public AccuracyBudgetPolicy {
		Budgets.check("maxDrop", maxDrop, confidenceLevel);
	}

	/**
	 * Returns the policy with the default budget and confidence level.
	 */
	public AccuracyBudgetPolicy() {
		this(DEFAULT_MAX_DROP, DEFAULT_CONFIDENCE_LEVEL);
	}

	@Override
	public ThresholdChoice choose(ThresholdSweep sweep) {
		List<OperatingPoint> points = sweep.points();
		boolean robust = sweep.tierCount() == 2;
		OperatingPoint best = null;
		for (int i = points.size() - 1; i >= 0; i--) {
			OperatingPoint point = points.get(i);
			if (!qualifies(point)) {
				if (robust) {
					break;
				}
				continue;
			}
			if (best == null || point.speedup() > best.speedup()
					|| (point.speedup() == best.speedup() && point.accuracy() > best.accuracy())) {
				best = point;
			}
		}
		LabelledPredictions predictions = sweep.predictions();
		if (best != null) {
			return choice(best, predictions, true, method(sweep, best, robust));
		}
		OperatingPoint all = sweep.evaluate(Collections.nCopies(sweep.tierCount() - 1, 1.0));
		return choice(all, predictions, false, fallback(sweep));
	}

	private boolean qualifies(OperatingPoint point) {
		return point.dropUpperBound(this.confidenceLevel) <= this.maxDrop;
	}

	private ThresholdChoice choice(OperatingPoint point, LabelledPredictions predictions, boolean met, String method) {
		Map<String, Double> parameters = new LinkedHashMap<>();
		parameters.put("maxDrop", this.maxDrop);
		parameters.put("confidenceLevel", this.confidenceLevel);
		return new ThresholdChoice(NAME, parameters, point, predictions.lastTierAccuracy(),
				point.dropUpperBound(this.confidenceLevel), met, method);
	}

	private String method(ThresholdSweep sweep, OperatingPoint chosen, boolean robust) {
		if (sweep.tierCount() == 1) {
			return "A single tier answers every input: there is no threshold to choose.";
		}
		return String.format(Locale.ROOT,
				"Thresholds %s give the largest estimated speedup (%.2fx against the last tier alone) among the "
						+ "%d candidate points at which the %s is at most %.2f points%s. Accuracy %.2f%% against "
						+ "%.2f%% for the last tier alone; %.1f%% of inputs go past the first tier.",
				format(chosen.thresholds()), chosen.speedup(), sweep.points().size(), bound(sweep), 100 * this.maxDrop,
				robust ? ", here and at every higher candidate threshold" : "", 100 * chosen.accuracy(),
				100 * sweep.predictions().lastTierAccuracy(), 100 * chosen.escalation().get(0));
	}

	private String fallback(ThresholdSweep sweep) {
		return String
			.format(Locale.ROOT,
					"No candidate thresholds keep the %s within %.2f points, so every threshold is 1: the last tier "
							+ "answers every input but those with confidence exactly 1.",
					bound(sweep), 100 * this.maxDrop);
	}

	private String bound(ThresholdSweep sweep) {
		return String.format(Locale.ROOT,
				"one-sided %.0f%% upper confidence bound on the accuracy drop against the last tier alone "
						+ "(paired per input: mean + z·sd/√n, z = %.3f, n = %d)",
				100 * this.confidenceLevel, Normal.quantile(this.confidenceLevel), sweep.predictions().size());
	}

	private static String format(List<Double> thresholds) {
		StringBuilder text = new StringBuilder("[");
		for (int k = 0; k < thresholds.size(); k++) {
			text.append((k > 0) ? ", " : "").append(String.format(Locale.ROOT, "%.4f", thresholds.get(k)));
		}
		return text.append(']').toString();
	}

}
