package dev.tango.admin.job;

/**
 * Thrown inside a running job when it was cancelled, or when its instance lost it (it was
 * failed as stale, or restarted elsewhere): the handler stops and nothing more is
 * recorded for this attempt.
 */
public class JobCancelledException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public JobCancelledException(String message) {
		super(message);
	}

}
