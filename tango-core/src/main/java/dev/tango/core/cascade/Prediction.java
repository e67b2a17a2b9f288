package dev.tango.core.cascade;

import org.jspecify.annotations.Nullable;

/**
 * The answer of a cascade for one input.
 *
 * @param labelIndex the index of the predicted label in the answering tier's labels
 * @param label the predicted label
 * @param confidence the answering tier's confidence in {@code [0, 1]}
 * @param probabilities the answering tier's probability per label, or {@code null} when
 * not requested
 * @param tier the zero-based index of the tier that answered
 * @param truncated whether the answering tier cut the input to its maximum length
 * @param fallback whether the tier that should have answered was unavailable, so that
 * {@code tier}, the tier before it, answered although unsure (see
 * {@link dev.tango.core.tier.TierUnavailableException#fallBack()})
 */
public record Prediction(int labelIndex, String label, double confidence, float @Nullable [] probabilities, int tier,
		boolean truncated, boolean fallback) {

	/**
	 * Creates the prediction of the tier that was meant to answer.
	 * @param labelIndex the index of the predicted label in the answering tier's labels
	 * @param label the predicted label
	 * @param confidence the answering tier's confidence in {@code [0, 1]}
	 * @param probabilities the answering tier's probability per label, or {@code null}
	 * @param tier the zero-based index of the tier that answered
	 * @param truncated whether the answering tier cut the input to its maximum length
	 */
	public Prediction(int labelIndex, String label, double confidence, float @Nullable [] probabilities, int tier,
			boolean truncated) {
		this(labelIndex, label, confidence, probabilities, tier, truncated, false);
	}

	/**
	 * Returns this prediction as a fallback answer.
	 * @return the same prediction with {@code fallback} set
	 */
	public Prediction asFallback() {
		return new Prediction(this.labelIndex, this.label, this.confidence, this.probabilities, this.tier,
				this.truncated, true);
	}

}
