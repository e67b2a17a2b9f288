package dev.tango.api.feedback;

import java.time.Duration;

/**
 * A feedback request would take this instance past the items it accepts per second
 * ({@code tango.api.feedback.items-per-second}); none of its items was stored.
 */
public class FeedbackRateExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	FeedbackRateExceededException(int items, int perSecond, Duration retryAfter) {
		super("Feedback is accepted at up to " + perSecond + " items per second on this instance; this request of "
				+ items + " items would exceed it. Retry after " + retryAfter.toSeconds() + " s, or send less at once",
				null, false, false);
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
