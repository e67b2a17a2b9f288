package dev.tango.admin.dataset;

/**
 * A data set named in a request does not exist.
 */
public class DatasetNotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long id;

	public DatasetNotFoundException(long id) {
		super("No data set " + id);
		this.id = id;
	}

	/**
	 * Returns the data set that does not exist.
	 * @return its identifier
	 */
	public long id() {
		return this.id;
	}

}
