package dev.tango.core.calibration;

import java.util.List;

/**
 * The true label of each input of a labelled set with what every tier of a cascade
 * predicted for it: the material that threshold sweeps are made of. Immutable.
 */
public final class LabelledPredictions {

	private final int[] truth;

	private final List<TierPredictions> tiers;

	/**
	 * Creates the labelled predictions.
	 * @param truth the true label index per input, non-negative; copied
	 * @param tiers the predictions of each tier, cheapest first, each with one per input
	 * @throws IllegalArgumentException if there are no inputs or no tiers, or the sizes
	 * differ
	 */
	public LabelledPredictions(int[] truth, List<TierPredictions> tiers) {
		this.tiers = List.copyOf(tiers);
		if (truth.length == 0) {
			throw new IllegalArgumentException("Labelled predictions need at least one input");
		}
		if (this.tiers.isEmpty()) {
			throw new IllegalArgumentException("Labelled predictions need at least one tier");
		}
		for (int i = 0; i < truth.length; i++) {
			if (truth[i] < 0) {
				throw new IllegalArgumentException("true label of input " + i + " is negative: " + truth[i]);
			}
		}
		for (int k = 0; k < this.tiers.size(); k++) {
			if (this.tiers.get(k).size() != truth.length) {
				throw new IllegalArgumentException("Tier " + k + " has " + this.tiers.get(k).size()
						+ " predictions for " + truth.length + " labelled inputs");
			}
		}
		this.truth = truth.clone();
	}

	/**
	 * Returns the true labels and predictions of some of the inputs.
	 * @param positions the inputs' indices, at least one, in the order wanted
	 * @return the labelled predictions of those inputs, in that order
	 */
	public LabelledPredictions select(int[] positions) {
		int[] truth = new int[positions.length];
		for (int i = 0; i < positions.length; i++) {
			truth[i] = this.truth[positions[i]];
		}
		return new LabelledPredictions(truth, this.tiers.stream().map((tier) -> tier.select(positions)).toList());
	}

	/**
	 * Returns the number of inputs.
	 * @return at least 1
	 */
	public int size() {
		return this.truth.length;
	}

	/**
	 * Returns the number of tiers.
	 * @return at least 1
	 */
	public int tierCount() {
		return this.tiers.size();
	}

	/**
	 * Returns the true label of one input.
	 * @param input the input's index
	 * @return the label index
	 */
	public int truth(int input) {
		return this.truth[input];
	}

	/**
	 * Returns one tier's predictions.
	 * @param tier the tier's zero-based index
	 * @return the predictions
	 */
	public TierPredictions tier(int tier) {
		return this.tiers.get(tier);
	}

	/**
	 * Returns whether a tier predicts the true label of an input.
	 * @param tier the tier's zero-based index
	 * @param input the input's index
	 * @return {@code true} if the tier is right
	 */
	public boolean correct(int tier, int input) {
		return this.tiers.get(tier).label(input) == this.truth[input];
	}

	/**
	 * Returns the accuracy of one tier answering every input alone.
	 * @param tier the tier's zero-based index
	 * @return the accuracy in {@code [0, 1]}
	 */
	public double accuracy(int tier) {
		int correct = 0;
		for (int i = 0; i < this.truth.length; i++) {
			if (correct(tier, i)) {
				correct++;
			}
		}
		return (double) correct / this.truth.length;
	}

	/**
	 * Returns the accuracy of the last tier answering every input alone: the reference a
	 * cascade is compared with.
	 * @return the accuracy in {@code [0, 1]}
	 */
	public double lastTierAccuracy() {
		return accuracy(this.tiers.size() - 1);
	}

	/**
	 * Returns the tier that answers an input in a cascade with the given thresholds: the
	 * first whose confidence is at or above its threshold, else the last.
	 * @param input the input's index
	 * @param thresholds the threshold of each tier but the last
	 * @return the tier's index
	 */
	public int answeringTier(int input, List<Double> thresholds) {
		return Tally.answering(this, input, thresholds);
	}

}
