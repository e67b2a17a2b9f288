package dev.tango.core.drift;

import java.util.ArrayList;
import java.util.List;

import dev.tango.core.calibration.LabelledPredictions;

/**
 * What calibration measured that a drift watch compares live answers with.
 *
 * @param reach per tier, the fraction of all inputs that reach it, in {@code [0, 1]},
 * non-increasing, the first 1
 * @param labelShares per tier, the share of each label (by index in the tier's labels)
 * among the answers that tier gave, each list summing to 1; empty for a tier that
 * answered none
 */
public record DriftReference(List<Double> reach, List<List<Double>> labelShares) {

	public DriftReference {
		reach = List.copyOf(reach);
		labelShares = labelShares.stream().map(List::copyOf).toList();
		if (reach.isEmpty() || reach.size() != labelShares.size()) {
			throw new IllegalArgumentException("reach and labelShares need one entry per tier, had " + reach.size()
					+ " and " + labelShares.size());
		}
		for (int k = 0; k < reach.size(); k++) {
			double r = reach.get(k);
			if (!(r >= 0 && r <= 1) || (k > 0 && r > reach.get(k - 1) + 1e-9)) {
				throw new IllegalArgumentException("reach must lie in [0, 1] and not increase, was " + reach);
			}
			for (double share : labelShares.get(k)) {
				if (!(share >= 0 && share <= 1)) {
					throw new IllegalArgumentException("label shares must lie in [0, 1], were " + labelShares.get(k));
				}
			}
		}
	}

	/**
	 * Measures the reference on a calibration set: which tier answers each input at the
	 * chosen thresholds, and what it answers.
	 * @param predictions every tier's predictions on the calibration set
	 * @param thresholds the chosen threshold of each tier but the last
	 * @param labelCount the number of labels the tiers answer with
	 * @return the reach of each tier and the label shares of its answers
	 */
	public static DriftReference of(LabelledPredictions predictions, List<Double> thresholds, int labelCount) {
		int tiers = predictions.tierCount();
		int n = predictions.size();
		int[] reached = new int[tiers];
		int[][] answers = new int[tiers][labelCount];
		int[] answered = new int[tiers];
		for (int i = 0; i < n; i++) {
			int tier = predictions.answeringTier(i, thresholds);
			for (int k = 0; k <= tier; k++) {
				reached[k]++;
			}
			answers[tier][predictions.tier(tier).label(i)]++;
			answered[tier]++;
		}
		List<Double> reach = new ArrayList<>();
		List<List<Double>> shares = new ArrayList<>();
		for (int k = 0; k < tiers; k++) {
			reach.add(reached[k] / (double) n);
			List<Double> tierShares = new ArrayList<>();
			for (int label = 0; label < labelCount && answered[k] > 0; label++) {
				tierShares.add(answers[k][label] / (double) answered[k]);
			}
			shares.add(tierShares);
		}
		return new DriftReference(reach, shares);
	}

	/**
	 * Returns the number of tiers.
	 * @return at least 1
	 */
	public int tierCount() {
		return this.reach.size();
	}

	/**
	 * Returns the fraction of the inputs reaching a tier that go past it.
	 * @param tier a tier but the last
	 * @return {@code reach(tier + 1) / reach(tier)}, or NaN when none reached it
	 */
	public double escalation(int tier) {
		double here = this.reach.get(tier);
		return (here > 0) ? this.reach.get(tier + 1) / here : Double.NaN;
	}

}
