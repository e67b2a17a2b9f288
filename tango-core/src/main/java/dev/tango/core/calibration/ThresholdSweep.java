package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * Every operating point of a cascade over a grid of thresholds, evaluated on a labelled
 * set: the raw material of {@link ThresholdPolicy threshold policies}. With two tiers the
 * points are the curve from threshold to accuracy, escalation and estimated speedup.
 *
 * <p>
 * The candidate thresholds of a tier are 0, 1 and every distinct confidence of that tier
 * on the labelled set, or, when there are more than the grid allows, that many quantiles
 * of its confidences. The grid is every combination of the candidates of each tier but
 * the last; evaluating it takes {@code O(grid × n × tiers)} time.
 *
 * <p>
 * Immutable and thread-safe; the points are computed when the sweep is made.
 */
public final class ThresholdSweep {

	/**
	 * The size of the grid that {@link #of(LabelledPredictions, TierCosts)} aims at: 2500
	 * candidates for two tiers, 50 per tier for three.
	 */
	public static final int DEFAULT_GRID_SIZE = 2500;

	private final LabelledPredictions predictions;

	private final TierCosts costs;

	private final List<List<Double>> candidates;

	private final List<OperatingPoint> points;

	private ThresholdSweep(LabelledPredictions predictions, TierCosts costs, int candidatesPerTier) {
		if (costs.tierCount() != predictions.tierCount()) {
			throw new IllegalArgumentException(
					costs.tierCount() + " tier costs for " + predictions.tierCount() + " tiers of predictions");
		}
		if (predictions.size() < 2) {
			throw new IllegalArgumentException("A sweep needs at least two labelled inputs to estimate sampling error");
		}
		if (candidatesPerTier < 3) {
			throw new IllegalArgumentException("candidatesPerTier must be at least 3, was " + candidatesPerTier);
		}
		this.predictions = predictions;
		this.costs = costs;
		List<List<Double>> candidates = new ArrayList<>();
		for (int k = 0; k < predictions.tierCount() - 1; k++) {
			candidates.add(candidates(predictions.tier(k), candidatesPerTier));
		}
		this.candidates = List.copyOf(candidates);
		List<OperatingPoint> points = new ArrayList<>();
		addGrid(new double[this.candidates.size()], 0, points);
		this.points = Collections.unmodifiableList(points);
	}

	/**
	 * Sweeps a grid of about {@link #DEFAULT_GRID_SIZE} points at most:
	 * {@code floor(2500^(1 / (tiers - 1)))} candidates per tier, and at least 3.
	 * @param predictions the labelled predictions, at least two inputs
	 * @param costs the cost of each tier, one per tier of the predictions
	 * @return the sweep
	 */
	public static ThresholdSweep of(LabelledPredictions predictions, TierCosts costs) {
		int dimensions = Math.max(1, predictions.tierCount() - 1);
		int perTier = (int) Math.floor(Math.pow(DEFAULT_GRID_SIZE, 1.0 / dimensions) + 1e-9);
		return new ThresholdSweep(predictions, costs, Math.max(3, perTier));
	}

	/**
	 * Sweeps a grid with at most the given number of candidate thresholds per tier.
	 * @param predictions the labelled predictions, at least two inputs
	 * @param costs the cost of each tier, one per tier of the predictions
	 * @param candidatesPerTier the most candidates per tier, at least 3
	 * @return the sweep
	 */
	public static ThresholdSweep of(LabelledPredictions predictions, TierCosts costs, int candidatesPerTier) {
		return new ThresholdSweep(predictions, costs, candidatesPerTier);
	}

	/**
	 * Returns the labelled predictions swept.
	 * @return the predictions
	 */
	public LabelledPredictions predictions() {
		return this.predictions;
	}

	/**
	 * Returns the tier costs.
	 * @return the costs
	 */
	public TierCosts costs() {
		return this.costs;
	}

	/**
	 * Returns the number of tiers.
	 * @return at least 1
	 */
	public int tierCount() {
		return this.predictions.tierCount();
	}

	/**
	 * Returns the candidate thresholds of a tier.
	 * @param tier the zero-based index of a tier but the last
	 * @return distinct thresholds in increasing order, from 0 to 1
	 */
	public List<Double> candidates(int tier) {
		return this.candidates.get(tier);
	}

	/**
	 * Returns the operating point of every combination of candidate thresholds, in
	 * lexicographic order of the thresholds (the first tier's varying slowest); with two
	 * tiers, in increasing order of threshold. With one tier, the single point of that
	 * tier alone.
	 * @return the points
	 */
	public List<OperatingPoint> points() {
		return this.points;
	}

	/**
	 * Evaluates the cascade with the given thresholds.
	 * @param thresholds the threshold of each tier but the last, each in {@code [0, 1]}
	 * @return the operating point
	 */
	public OperatingPoint evaluate(List<Double> thresholds) {
		if (thresholds.size() != tierCount() - 1) {
			throw new IllegalArgumentException(
					thresholds.size() + " thresholds for " + tierCount() + " tiers: one per tier but the last");
		}
		double[] values = new double[thresholds.size()];
		for (int k = 0; k < values.length; k++) {
			values[k] = thresholds.get(k);
			if (!(values[k] >= 0 && values[k] <= 1)) {
				throw new IllegalArgumentException("threshold " + k + " must lie in [0, 1], was " + values[k]);
			}
		}
		return evaluate(values);
	}

	private void addGrid(double[] thresholds, int tier, List<OperatingPoint> points) {
		if (tier == thresholds.length) {
			points.add(evaluate(thresholds));
			return;
		}
		for (double candidate : this.candidates.get(tier)) {
			thresholds[tier] = candidate;
			addGrid(thresholds, tier + 1, points);
		}
	}

	private OperatingPoint evaluate(double[] thresholds) {
		List<Double> values = Arrays.stream(thresholds).boxed().toList();
		Tally tally = Tally.of(this.predictions, (i) -> Tally.answering(this.predictions, i, values));
		return new OperatingPoint(values, tally.accuracy(), tally.escalation(), tally.nanosPerInput(this.costs),
				tally.speedup(this.costs), tally.accuracyDrop(), tally.dropStandardError());
	}

	private static List<Double> candidates(TierPredictions tier, int most) {
		double[] sorted = new double[tier.size()];
		Arrays.setAll(sorted, tier::confidence);
		Arrays.sort(sorted);
		double[] values;
		if (Arrays.stream(sorted).distinct().count() <= most - 2) {
			values = sorted;
		}
		else {
			int quantiles = most - 2;
			values = new double[quantiles];
			for (int j = 0; j < quantiles; j++) {
				values[j] = sorted[(int) ((j + 0.5) * sorted.length / quantiles)];
			}
		}
		return DoubleStream.concat(DoubleStream.of(0, 1), Arrays.stream(values)).distinct().sorted().boxed().toList();
	}

}
