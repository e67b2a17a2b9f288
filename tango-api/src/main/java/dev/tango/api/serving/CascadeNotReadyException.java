package dev.tango.api.serving;

import java.time.Duration;

/**
 * The cascade is active but no version of it serves yet: it is loading, or its load
 * failed and will be tried again.
 */
public class CascadeNotReadyException extends RetryLaterException {

	private static final long serialVersionUID = 1L;

	CascadeNotReadyException(String message, Duration retryAfter) {
		super(message, retryAfter);
	}

}
