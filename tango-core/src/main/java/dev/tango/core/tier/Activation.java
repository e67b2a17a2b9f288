package dev.tango.core.tier;

import java.util.Locale;

/**
 * How a tier's logits become probabilities.
 */
public enum Activation {

	/** Single-label classification: the labels' probabilities sum to 1. */
	SOFTMAX,

	/** Multi-label classification: each label has an independent probability. */
	SIGMOID;

	/**
	 * Returns the name settings write it by.
	 * @return {@code softmax} or {@code sigmoid}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
