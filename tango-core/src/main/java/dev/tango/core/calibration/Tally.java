package dev.tango.core.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * How a cascade answered a labelled set, counted from the tier that answered each input:
 * what an {@link OperatingPoint} and a {@link CrossFitting.Estimate} are computed from.
 *
 * @param size the number of inputs, at least 2
 * @param correct how many the cascade answered right
 * @param lastCorrect how many the last tier alone answers right
 * @param disagreements how many the cascade and the last tier alone do not both answer
 * right or both wrong: the inputs with {@code d ≠ 0}
 * @param reached per tier, how many inputs reached it (the first tier: all)
 */
record Tally(int size, int correct, int lastCorrect, int disagreements, int[] reached) {

	/**
	 * Counts how a cascade answers labelled inputs.
	 * @param predictions the labelled predictions, at least two inputs
	 * @param answering the index of the tier that answers each input
	 * @return the counts
	 */
	static Tally of(LabelledPredictions predictions, IntUnaryOperator answering) {
		int n = predictions.size();
		int last = predictions.tierCount() - 1;
		int[] reached = new int[last + 1];
		int correct = 0;
		int lastCorrect = 0;
		int disagreements = 0;
		for (int i = 0; i < n; i++) {
			int tier = answering.applyAsInt(i);
			for (int k = 0; k <= tier; k++) {
				reached[k]++;
			}
			boolean cascadeRight = predictions.correct(tier, i);
			boolean lastRight = predictions.correct(last, i);
			correct += cascadeRight ? 1 : 0;
			lastCorrect += lastRight ? 1 : 0;
			disagreements += (cascadeRight != lastRight) ? 1 : 0;
		}
		return new Tally(n, correct, lastCorrect, disagreements, reached);
	}

	/**
	 * Returns the tier that answers an input: the first whose confidence is at or above
	 * its threshold, else the last.
	 * @param predictions the labelled predictions
	 * @param input the input's index
	 * @param thresholds the threshold of each tier but the last
	 * @return the tier's index
	 */
	static int answering(LabelledPredictions predictions, int input, List<Double> thresholds) {
		int tier = 0;
		while (tier < thresholds.size() && predictions.tier(tier).confidence(input) < thresholds.get(tier)) {
			tier++;
		}
		return tier;
	}

	double accuracy() {
		return (double) this.correct / this.size;
	}

	/** For each tier but the last, the fraction of all inputs that go past it. */
	List<Double> escalation() {
		List<Double> escalation = new ArrayList<>(this.reached.length - 1);
		for (int k = 1; k < this.reached.length; k++) {
			escalation.add((double) this.reached[k] / this.size);
		}
		return escalation;
	}

	/** The estimated cost per input: each tier's cost times the share reaching it. */
	double nanosPerInput(TierCosts costs) {
		double nanos = 0;
		for (int k = 0; k < this.reached.length; k++) {
			nanos += costs.nanos(k) * this.reached[k] / this.size;
		}
		return nanos;
	}

	/** The cost of the last tier alone divided by {@link #nanosPerInput}. */
	double speedup(TierCosts costs) {
		return costs.nanos(this.reached.length - 1) / nanosPerInput(costs);
	}

	/** The mean of {@code d = correct(last tier alone) − correct(cascade)}. */
	double accuracyDrop() {
		return (double) (this.lastCorrect - this.correct) / this.size;
	}

	/** The sample standard deviation of {@code d} divided by {@code √n}. */
	double dropStandardError() {
		double drop = accuracyDrop();
		double variance = Math.max(0, (this.disagreements - this.size * drop * drop) / (this.size - 1));
		return Math.sqrt(variance / this.size);
	}

}
