package dev.tango.core.batching;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Options of one request to a {@link BatchingCascade}.
 *
 * @param probabilities whether each prediction carries the answering tier's probability
 * per label
 * @param timeout how long after submission the request may still start an input on a
 * tier, positive; {@code null} for the cascade's default
 */
public record RequestOptions(boolean probabilities, @Nullable Duration timeout) {

	private static final RequestOptions DEFAULTS = new RequestOptions(false, null);

	public RequestOptions {
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
	}

	/**
	 * Returns the defaults: no probabilities, the cascade's default timeout.
	 * @return the options
	 */
	public static RequestOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns these options with probabilities requested or not.
	 * @param probabilities whether to return probabilities
	 * @return the options
	 */
	public RequestOptions withProbabilities(boolean probabilities) {
		return new RequestOptions(probabilities, this.timeout);
	}

	/**
	 * Returns these options with another timeout.
	 * @param timeout a positive timeout
	 * @return the options
	 */
	public RequestOptions withTimeout(Duration timeout) {
		return new RequestOptions(this.probabilities, timeout);
	}

}
