package dev.tango.core.confidence;

/**
 * A measure of how sure a tier is of its answer, from its label probabilities. A plug-in:
 * the three built-ins are constants here, and another measure is one class implementing
 * this interface (public, with a public no-argument constructor) listed in
 * {@code META-INF/services/dev.tango.core.confidence.ConfidenceMeasure}; see
 * {@link ConfidenceMeasures} for the look-up by name.
 *
 * <p>
 * For a multi-label tier each label is measured as the two-way distribution
 * {@code (p, 1 - p)}; see {@link ConfidenceFunction}. Implementations are immutable and
 * thread-safe.
 */
public interface ConfidenceMeasure {

	/** The largest probability (the default, as in TangoBERT). */
	ConfidenceMeasure MAX_PROBABILITY = BuiltInMeasure.MAX_PROBABILITY;

	/**
	 * The difference between the two largest probabilities (the largest itself when there
	 * is a single label).
	 */
	ConfidenceMeasure MARGIN = BuiltInMeasure.MARGIN;

	/**
	 * One minus the entropy of the distribution divided by its maximum, {@code log(C)}; 1
	 * when there is a single label.
	 */
	ConfidenceMeasure ENTROPY = BuiltInMeasure.ENTROPY;

	/**
	 * Returns the measure's name: upper-case letters, digits and underscores, starting
	 * with a letter, such as {@code MAX_PROBABILITY}. It is what the registry stores and
	 * the admin API shows; descriptors may write it in lower case with hyphens
	 * ({@code max-probability}).
	 * @return the name, unique among the registered measures
	 */
	String name();

	/**
	 * Measures a distribution.
	 * @param probabilities one probability per label, at least one, each in
	 * {@code [0, 1]} and summing to 1 up to rounding; not modified and not kept
	 * @return the confidence in {@code [0, 1]}, higher meaning surer
	 */
	double of(double[] probabilities);

}
