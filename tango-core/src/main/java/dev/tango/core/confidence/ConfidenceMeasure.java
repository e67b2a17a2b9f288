package dev.tango.core.confidence;

/**
 * A measure of how sure a tier is of its answer, from its label probabilities. Every
 * measure lies in {@code [0, 1]}, higher meaning surer. For a multi-label tier each label
 * is measured as the two-way distribution {@code (p, 1 - p)}; see
 * {@link ConfidenceFunction}.
 */
public enum ConfidenceMeasure {

	/** The largest probability (the default, as in TangoBERT). */
	MAX_PROBABILITY,

	/**
	 * The difference between the two largest probabilities (the largest itself when there
	 * is a single label).
	 */
	MARGIN,

	/**
	 * One minus the entropy of the distribution divided by its maximum, {@code log(C)}; 1
	 * when there is a single label.
	 */
	ENTROPY

}
