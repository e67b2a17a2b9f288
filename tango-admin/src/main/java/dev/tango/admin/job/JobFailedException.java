package dev.tango.admin.job;

/**
 * A job cannot go on, for a reason meant for people (a degenerate data set, an unknown
 * cascade, NaN scores...); its message becomes the job's error as it is.
 */
public class JobFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public JobFailedException(String message) {
		super(message);
	}

	public JobFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
