package dev.tango.api.feedback;

import java.time.Duration;

import dev.tango.api.serving.RetryLaterException;

/**
 * A feedback request would take its client past the items it may send per second
 * ({@code tango.api.feedback.per-client.items-per-second}), or this instance past the
 * items it accepts per second from all clients
 * ({@code tango.api.feedback.items-per-second}); none of its items was stored.
 */
public class FeedbackRateExceededException extends RetryLaterException {

	private static final long serialVersionUID = 1L;

	private FeedbackRateExceededException(String message, Duration retryAfter) {
		super(message, retryAfter);
	}

	static FeedbackRateExceededException ofInstance(int items, int perSecond) {
		Duration retryAfter = Duration.ofSeconds(1);
		return new FeedbackRateExceededException("Feedback is accepted at up to " + perSecond
				+ " items per second on this instance; this request of " + items
				+ " items would exceed it. Retry after " + retryAfter.toSeconds() + " s, or send less at once",
				retryAfter);
	}

	static FeedbackRateExceededException ofClient(int items, int perSecond, Duration wait) {
		Duration retryAfter = Duration.ofSeconds(Math.max(1, (wait.toMillis() + 999) / 1000));
		return new FeedbackRateExceededException(
				"Feedback is accepted at up to " + perSecond + " items per second from one client; this request of "
						+ items + " items would take this client past it. Retry after " + retryAfter.toSeconds()
						+ " s, or send less at once",
				retryAfter);
	}

}
