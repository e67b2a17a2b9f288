package dev.tango.models.feedback;

import org.jspecify.annotations.Nullable;

import dev.tango.core.calibration.Binomial;

/**
 * The accuracy of a cascade version's answers as feedback labelled them, over one
 * answering tier or all of them, with its 95% Wilson interval.
 *
 * @param cascade the cascade's name
 * @param version the cascade version that answered
 * @param tier the answering tier (0 for the cheapest), or {@code null} for the answers of
 * every tier together
 * @param labelled how many of its answers feedback labelled, at least 1
 * @param correct how many of those were right
 * @param accuracy {@code correct / labelled}
 * @param lower the lower bound of the 95% Wilson interval of the accuracy
 * @param upper its upper bound
 */
public record LiveAccuracy(String cascade, int version, @Nullable Integer tier, long labelled, long correct,
		double accuracy, double lower, double upper) {

	/** The two-sided confidence level of the interval. */
	public static final double CONFIDENCE_LEVEL = 0.95;

	/**
	 * Computes the figures from counts.
	 * @param cascade the cascade's name
	 * @param version the cascade version
	 * @param tier the answering tier, or {@code null} for all
	 * @param labelled the labelled answers, at least 1
	 * @param correct the right ones among them
	 * @return the accuracy with its interval
	 */
	public static LiveAccuracy of(String cascade, int version, @Nullable Integer tier, long labelled, long correct) {
		Binomial.Interval interval = Binomial.wilson(correct, labelled, CONFIDENCE_LEVEL);
		return new LiveAccuracy(cascade, version, tier, labelled, correct, (double) correct / labelled,
				interval.lower(), interval.upper());
	}

}
