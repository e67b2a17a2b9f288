package dev.tango.core.confidence;

/**
 * A measure of how sure a tier is of its answer, from its label probabilities. Every
 * measure lies in {@code [0, 1]}, higher meaning surer.
 */
public enum ConfidenceMeasure {

	/** The largest probability (the default, as in TangoBERT). */
	MAX_PROBABILITY,

	/** The difference between the two largest probabilities. */
	MARGIN,

	/**
	 * One minus the entropy of the distribution divided by its maximum, {@code log(C)}.
	 */
	ENTROPY

}
