package dev.tango.runtime.remote;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a call to a remote server fails: no connection, no answer in time, or an
 * HTTP error status. Its message names the endpoint and what the server said, for
 * operators; its {@link #summary()} says what went wrong without them, for the clients
 * whose requests it fails.
 */
class RemoteCallException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String summary;

	private final boolean retryable;

	/**
	 * Creates an exception about a call.
	 * @param what the call, such as {@code infer}
	 * @param endpoint the endpoint it was made to
	 * @param outcome what happened, such as {@code answered HTTP 503}
	 * @param detail what the server or the connection said, or {@code null}
	 * @param retryable whether the same call may succeed if tried again at once
	 * @param cause the underlying failure, or {@code null}
	 */
	RemoteCallException(String what, URI endpoint, String outcome, @Nullable String detail, boolean retryable,
			@Nullable Throwable cause) {
		super(what + " call to " + endpoint + " " + outcome + ((detail != null) ? ": " + detail : ""), cause);
		this.summary = what + " call " + outcome;
		this.retryable = retryable;
	}

	/**
	 * Creates an exception about no call in particular.
	 * @param message what happened, shown to clients too
	 * @param cause the underlying failure
	 */
	RemoteCallException(String message, Throwable cause) {
		super(message, cause);
		this.summary = message;
		this.retryable = false;
	}

	/**
	 * Returns what went wrong, without the endpoint or what the server said.
	 * @return such as {@code infer call answered HTTP 503}
	 */
	String summary() {
		return this.summary;
	}

	/**
	 * Returns whether the same call may succeed if tried again at once.
	 * @return {@code true} for connection failures, timeouts and 5xx answers
	 */
	boolean retryable() {
		return this.retryable;
	}

}
