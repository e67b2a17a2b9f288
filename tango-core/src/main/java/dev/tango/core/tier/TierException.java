package dev.tango.core.tier;

/**
 * Thrown when a tier cannot classify a batch: the model failed to load or run. Bad input
 * is not a reason: tiers define a result for every {@link TextInput}.
 */
public class TierException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public TierException(String message) {
		super(message);
	}

	public TierException(String message, Throwable cause) {
		super(message, cause);
	}

}
