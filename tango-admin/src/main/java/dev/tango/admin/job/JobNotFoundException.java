package dev.tango.admin.job;

/**
 * A job named in a request does not exist.
 */
public class JobNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public JobNotFoundException(long id) {
		super("No job " + id);
	}

}
