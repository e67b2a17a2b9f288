package dev.tango.api.serving;

import java.time.Duration;

/**
 * A request refused for now, that a retry after a delay may succeed: the service answers
 * it with {@code Retry-After}. Refusals are expected and carry no stack trace.
 */
public abstract class RetryLaterException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	/**
	 * Creates the refusal.
	 * @param message what was refused and why
	 * @param retryAfter when a retry may succeed, at least one second
	 */
	protected RetryLaterException(String message, Duration retryAfter) {
		super(message, null, false, false);
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns when a retry may succeed.
	 * @return at least one second
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
