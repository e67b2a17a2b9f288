package dev.tango.core.calibration;

import java.util.List;

import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.tier.Scores;

/**
 * What one tier predicted for each input of a labelled set: the predicted label index and
 * the confidence, as the cascade would compute them. Immutable.
 */
public final class TierPredictions {

	private final int[] labels;

	private final double[] confidences;

	/**
	 * Creates the predictions from parallel arrays, which are copied.
	 * @param labels the predicted label index per input, non-negative
	 * @param confidences the confidence per input, in {@code [0, 1]}
	 * @throws IllegalArgumentException if the arrays differ in length or hold values out
	 * of range
	 */
	public TierPredictions(int[] labels, double[] confidences) {
		if (labels.length != confidences.length) {
			throw new IllegalArgumentException(
					labels.length + " labels but " + confidences.length + " confidences: one of each per input");
		}
		for (int i = 0; i < labels.length; i++) {
			if (labels[i] < 0) {
				throw new IllegalArgumentException("label of input " + i + " is negative: " + labels[i]);
			}
			if (!(confidences[i] >= 0 && confidences[i] <= 1)) {
				throw new IllegalArgumentException(
						"confidence of input " + i + " must lie in [0, 1], was " + confidences[i]);
			}
		}
		this.labels = labels.clone();
		this.confidences = confidences.clone();
	}

	/**
	 * Returns the predictions a tier's scores give with the confidence settings of its
	 * stage, exactly as the cascade routes on them.
	 * @param scores the tier's scores, one per input
	 * @param confidence the stage's activation, measure and temperature
	 * @return the predictions, in the order of {@code scores}
	 * @throws IllegalArgumentException if some logits are empty or NaN
	 */
	public static TierPredictions of(List<Scores> scores, ConfidenceFunction confidence) {
		int[] labels = new int[scores.size()];
		double[] confidences = new double[scores.size()];
		for (int i = 0; i < labels.length; i++) {
			float[] logits = scores.get(i).logits();
			labels[i] = confidence.label(logits);
			confidences[i] = confidence.confidence(logits);
		}
		return new TierPredictions(labels, confidences);
	}

	/**
	 * Returns the predictions of some of the inputs.
	 * @param positions the inputs' indices, in the order wanted
	 * @return the predictions of those inputs, in that order
	 */
	public TierPredictions select(int[] positions) {
		int[] labels = new int[positions.length];
		double[] confidences = new double[positions.length];
		for (int i = 0; i < positions.length; i++) {
			labels[i] = this.labels[positions[i]];
			confidences[i] = this.confidences[positions[i]];
		}
		return new TierPredictions(labels, confidences);
	}

	/**
	 * Returns the number of inputs.
	 * @return the number of inputs
	 */
	public int size() {
		return this.labels.length;
	}

	/**
	 * Returns the predicted label of one input.
	 * @param input the input's index
	 * @return the label index
	 */
	public int label(int input) {
		return this.labels[input];
	}

	/**
	 * Returns the confidence of one input.
	 * @param input the input's index
	 * @return the confidence in {@code [0, 1]}
	 */
	public double confidence(int input) {
		return this.confidences[input];
	}

}
