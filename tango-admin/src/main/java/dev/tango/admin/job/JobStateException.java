package dev.tango.admin.job;

/**
 * A job is not in a state that allows the request, such as cancelling a finished job.
 */
public class JobStateException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public JobStateException(String message) {
		super(message);
	}

}
