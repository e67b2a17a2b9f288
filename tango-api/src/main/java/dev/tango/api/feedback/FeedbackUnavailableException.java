package dev.tango.api.feedback;

import java.time.Duration;

/**
 * The registry's database, where feedback is kept, cannot be reached. Items stored before
 * the failure stay stored; sending the request again stores the others (repeats are
 * recognised).
 */
public class FeedbackUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** When to try again. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	FeedbackUnavailableException(Throwable cause) {
		super("Feedback cannot be stored now: the registry's database is out of reach. Send the request again "
				+ "later; items already stored count once", cause);
	}

}
