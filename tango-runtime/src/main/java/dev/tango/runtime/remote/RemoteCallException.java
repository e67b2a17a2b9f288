package dev.tango.runtime.remote;

/**
 * Thrown when a call to a remote server fails: no connection, no answer in time, or an
 * HTTP error status.
 */
class RemoteCallException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final boolean retryable;

	RemoteCallException(String message, boolean retryable) {
		super(message);
		this.retryable = retryable;
	}

	RemoteCallException(String message, boolean retryable, Throwable cause) {
		super(message, cause);
		this.retryable = retryable;
	}

	/**
	 * Returns whether the same call may succeed if tried again at once.
	 * @return {@code true} for connection failures, timeouts and 5xx answers
	 */
	boolean retryable() {
		return this.retryable;
	}

}
