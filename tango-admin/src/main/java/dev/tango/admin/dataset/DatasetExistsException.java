package dev.tango.admin.dataset;

/**
 * A data set with the same name exists already; names are unique.
 */
public class DatasetExistsException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DatasetExistsException(String name) {
		super("A data set named '" + name + "' exists already");
	}

}
