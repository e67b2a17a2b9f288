package dev.tango.core.tier;

/**
 * How a tier's logits become probabilities.
 */
public enum Activation {

	/** Single-label classification: the labels' probabilities sum to 1. */
	SOFTMAX,

	/** Multi-label classification: each label has an independent probability. */
	SIGMOID

}
