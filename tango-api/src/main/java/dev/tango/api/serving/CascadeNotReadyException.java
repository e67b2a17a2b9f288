package dev.tango.api.serving;

import java.time.Duration;

/**
 * The cascade is active but no version of it serves yet: it is loading, or its load
 * failed and will be tried again.
 */
public class CascadeNotReadyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	public CascadeNotReadyException(String message, Duration retryAfter) {
		super(message);
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
