package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import dev.tango.core.settings.InvalidSettingException;

/**
 * Chooses thresholds with a guarantee that holds with stated probability, in the
 * Learn-then-Test style (Angelopoulos, Bates, Candès, Jordan and Lei, 2021): with
 * probability at least {@code 1 − alpha} over the draw of the labelled set, the risk on
 * new inputs is at most {@code maxRisk}.
 *
 * <p>
 * <b>Risk.</b> An input is a loss when a tier before the last answers it and that answer
 * {@link Loss#DISAGREEMENT differs from the last tier's} (or {@link Loss#ERROR is
 * wrong}); an input that reaches the last tier is never a loss. The risk is the share of
 * all inputs that are losses. Lowering the thresholds answers more inputs early, so with
 * two tiers the risk can only grow as the threshold falls.
 *
 * <p>
 * <b>Procedure.</b> Every gate gets the same threshold {@code λ}, taken from a grid fixed
 * in advance ({@link #GRID}: 1, then 80 values approaching 1 geometrically from 0.99,
 * then steps of 0.005 down to 0), never from the data. For each {@code λ} from the
 * highest down, the null hypothesis {@code risk(λ) > maxRisk} is tested with the exact
 * binomial p-value {@code P(Binomial(n, maxRisk) ≤ losses)}, valid because each input's
 * loss is 0 or 1 and the inputs are independent draws. Fixed-sequence testing rejects
 * hypotheses in that order at level {@code alpha} each and stops at the first it cannot
 * reject; this controls the family-wise error rate at {@code alpha} without any
 * correction for the number of thresholds. The lowest rejected {@code λ} is chosen: the
 * fastest thresholds whose risk is certified. If even {@code λ = 1} is not rejected,
 * every threshold is 1 and the constraint is reported as not met.
 *
 * <p>
 * <b>Assumption.</b> The labelled inputs and the inputs served later are exchangeable
 * (drawn independently from the same distribution). A shift in traffic voids the
 * guarantee; recalibrate on recent data.
 *
 * @param maxRisk the largest acceptable share of inputs that are losses, in
 * {@code (0, 1)}
 * @param alpha the probability that the guarantee fails, in {@code (0, 0.5]}
 * @param loss what makes an input answered before the last tier a loss
 */
public record RiskControlPolicy(double maxRisk, double alpha, Loss loss) implements ThresholdPolicy {

	/** The policy's name in {@link ThresholdChoice#policy()}. */
	public static final String NAME = "risk-control";

	/** The default largest share of losses: 0.05. */
	public static final double DEFAULT_MAX_RISK = 0.05;

	/** The default probability that the guarantee fails: 0.1. */
	public static final double DEFAULT_ALPHA = 0.1;

	/** The thresholds tested, from the highest down; fixed before any data is seen. */
	public static final List<Double> GRID = grid();

	public RiskControlPolicy {
		InvalidSettingException.require(maxRisk > 0 && maxRisk < 1, "maxRisk", "must lie in (0, 1)", maxRisk);
		InvalidSettingException.require(alpha > 0 && alpha <= 0.5, "alpha", "must lie in (0, 0.5]", alpha);
		Objects.requireNonNull(loss, "loss");
	}

	@Override
	public ThresholdChoice choose(ThresholdSweep sweep) {
		List<Step> steps = test(sweep);
		Step chosen = null;
		for (Step step : steps) {
			if (step.rejected()) {
				chosen = step;
			}
		}
		int gates = sweep.tierCount() - 1;
		double threshold = (chosen != null) ? chosen.threshold() : 1.0;
		OperatingPoint point = sweep.evaluate(Collections.nCopies(gates, threshold));
		Map<String, Double> parameters = new LinkedHashMap<>();
		parameters.put("maxRisk", this.maxRisk);
		parameters.put("alpha", this.alpha);
		return new ThresholdChoice(NAME, parameters, point, sweep.predictions().lastTierAccuracy(),
				point.dropUpperBound(1 - this.alpha), chosen != null || gates == 0,
				method(sweep, steps, chosen, point));
	}

	/**
	 * Runs the fixed-sequence test over {@link #GRID} on a sweep's labelled predictions.
	 * @param sweep the sweep
	 * @return one step per threshold tested, from the highest down: every rejected one
	 * and the first that was not (absent if all were rejected); empty for a single tier
	 */
	public List<Step> test(ThresholdSweep sweep) {
		LabelledPredictions predictions = sweep.predictions();
		List<Step> steps = new ArrayList<>();
		if (predictions.tierCount() < 2) {
			return steps;
		}
		int n = predictions.size();
		for (double threshold : GRID) {
			int early = 0;
			int losses = 0;
			for (int i = 0; i < n; i++) {
				int answering = answering(predictions, i, threshold);
				if (answering < predictions.tierCount() - 1) {
					early++;
					if (isLoss(predictions, answering, i)) {
						losses++;
					}
				}
			}
			double pValue = Binomial.cdf(losses, n, this.maxRisk);
			boolean rejected = pValue <= this.alpha;
			steps.add(new Step(threshold, n, early, losses, pValue, rejected));
			if (!rejected) {
				break;
			}
		}
		return steps;
	}

	private static int answering(LabelledPredictions predictions, int input, double threshold) {
		int last = predictions.tierCount() - 1;
		int tier = 0;
		while (tier < last && predictions.tier(tier).confidence(input) < threshold) {
			tier++;
		}
		return tier;
	}

	private boolean isLoss(LabelledPredictions predictions, int tier, int input) {
		int label = predictions.tier(tier).label(input);
		return switch (this.loss) {
			case DISAGREEMENT -> label != predictions.tier(predictions.tierCount() - 1).label(input);
			case ERROR -> label != predictions.truth(input);
		};
	}

	private String method(ThresholdSweep sweep, List<Step> steps, Step chosen, OperatingPoint point) {
		if (sweep.tierCount() == 1) {
			return "A single tier answers every input: there is no threshold to choose.";
		}
		int n = sweep.predictions().size();
		String lossText = (this.loss == Loss.DISAGREEMENT)
				? "answered before the last tier with a label other than the last tier's"
				: "answered before the last tier with a wrong label";
		String procedure = String.format(Locale.ROOT,
				"Learn-then-Test (Angelopoulos et al. 2021): every gate shares one threshold λ from a grid of %d "
						+ "values fixed in advance; from λ = 1 down, the hypothesis that more than %.2f%% of inputs "
						+ "are %s was tested with the exact binomial p-value P(Binomial(n = %d, %.4f) ≤ losses) at "
						+ "level α = %.3f, stopping at the first hypothesis not rejected (fixed-sequence testing, "
						+ "family-wise error at most α).",
				GRID.size(), 100 * this.maxRisk, lossText, n, this.maxRisk, this.alpha);
		String assumption = " This assumes the labelled inputs and future inputs are exchangeable (independent "
				+ "draws from the same distribution); a shift in traffic voids the guarantee.";
		if (chosen == null) {
			Step first = steps.get(0);
			return procedure + String.format(Locale.ROOT,
					" Even λ = 1 was not certified (%d losses, p = %.4f), so every threshold is 1: the last tier "
							+ "answers every input but those with confidence exactly 1.",
					first.losses(), first.pValue()) + assumption;
		}
		return procedure + String.format(Locale.ROOT,
				" Chosen: λ = %.4f, the lowest certified of %d tested. On the labelled set %d of %d inputs (%.2f%%) "
						+ "are losses (%.2f%% of the %d answered early; p = %.2g); %.1f%% reach the last tier; "
						+ "accuracy %.2f%% against %.2f%% for the last tier alone; estimated speedup %.2fx. "
						+ "With probability at least %.1f%%, at most %.2f%% of new inputs are %s.",
				chosen.threshold(), steps.size(), chosen.losses(), n, 100.0 * chosen.losses() / n,
				(chosen.early() > 0) ? 100.0 * chosen.losses() / chosen.early() : 0.0, chosen.early(), chosen.pValue(),
				100 * EscalationBudgetPolicy.lastTierShare(point), 100 * point.accuracy(),
				100 * sweep.predictions().lastTierAccuracy(), point.speedup(), 100 * (1 - this.alpha),
				100 * this.maxRisk, lossText) + assumption;
	}

	private static List<Double> grid() {
		TreeSet<Double> values = new TreeSet<>(Collections.reverseOrder());
		values.add(1.0);
		for (int j = 1; j <= 80; j++) {
			values.add(1 - Math.pow(10, -(2 + j / 20.0)));
		}
		for (int j = 0; j <= 199; j++) {
			values.add(j / 200.0);
		}
		return List.copyOf(values);
	}

	/** What makes an input answered before the last tier a loss. */
	public enum Loss {

		/** Its label differs from the last tier's label for it. */
		DISAGREEMENT,

		/** Its label differs from the true label. */
		ERROR

	}

	/**
	 * One hypothesis of the fixed sequence.
	 *
	 * @param threshold the threshold {@code λ} shared by every gate
	 * @param n the number of labelled inputs
	 * @param early how many inputs a tier before the last answers
	 * @param losses how many of those are losses
	 * @param pValue the exact binomial p-value of {@code risk(λ) > maxRisk}
	 * @param rejected whether the hypothesis was rejected (the risk at {@code λ} is
	 * certified)
	 */
	public record Step(double threshold, int n, int early, int losses, double pValue, boolean rejected) {

	}

}
