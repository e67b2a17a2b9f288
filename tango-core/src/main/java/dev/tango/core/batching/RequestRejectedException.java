package dev.tango.core.batching;

import java.time.Duration;
import java.util.Objects;

/**
 * Signals that a {@link BatchingCascade} refused to serve a request, at submission or
 * later. Its inputs that were not answered yet are never run.
 *
 * <p>
 * It carries no stack trace: it is expected under load and says nothing about code.
 */
public class RequestRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final int stage;

	private final Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param reason why the request was refused
	 * @param stage the zero-based index of the stage that refused it
	 * @param retryAfter when a retry may succeed, at least one second
	 */
	public RequestRejectedException(Reason reason, int stage, Duration retryAfter) {
		super(message(reason, stage, retryAfter), null, false, false);
		this.reason = reason;
		this.stage = stage;
		this.retryAfter = retryAfter;
	}

	private static String message(Reason reason, int stage, Duration retryAfter) {
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(retryAfter, "retryAfter");
		if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("retryAfter must be at least 1 s, was " + retryAfter);
		}
		String what = switch (reason) {
			case OVERLOADED -> "The work queued ahead would not let the request finish before its deadline";
			case QUEUE_FULL -> "The queue of stage " + stage + " is full";
			case SHUTTING_DOWN -> "The cascade is shutting down";
			case DEADLINE_EXCEEDED -> "The request's deadline passed before stage " + stage + " could start it";
		};
		return what + "; retry after " + retryAfter.toSeconds() + " s";
	}

	/**
	 * Returns why the request was refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Returns the stage that refused the request.
	 * @return the zero-based stage index; {@code 0} for a refusal at submission
	 */
	public int stage() {
		return this.stage;
	}

	/**
	 * Returns a suggested wait before retrying, estimated from the stage's backlog and
	 * measured service rate.
	 * @return at least one second
	 */
	public Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * Why a request was refused.
	 */
	public enum Reason {

		/**
		 * At submission, the estimated time to work through what was admitted before it,
		 * and its own inputs, did not fit before the request's deadline (overload, HTTP
		 * 429).
		 */
		OVERLOADED,

		/**
		 * A stage's queue had no room for the request's inputs: at submission the first
		 * stage's, later the queue of the stage they were escalated to (overload, HTTP
		 * 429).
		 */
		QUEUE_FULL,

		/**
		 * The cascade stopped admitting requests, or ran out of time to finish them while
		 * shutting down (HTTP 503).
		 */
		SHUTTING_DOWN,

		/**
		 * The request's deadline passed while one of its inputs waited in a queue (HTTP
		 * 503).
		 */
		DEADLINE_EXCEEDED

	}

}
