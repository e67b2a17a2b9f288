package dev.tango.admin.dataset;

/**
 * A data set named in a request does not exist.
 */
public class DatasetNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DatasetNotFoundException(long id) {
		super("No data set " + id);
	}

}
