package dev.tango.admin.dataset;

/**
 * An upload is larger than {@code tango.admin.datasets.max-size}; nothing was stored.
 */
public class DatasetTooLargeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DatasetTooLargeException(long maxBytes) {
		super("The data set is larger than the limit of " + maxBytes + " bytes (tango.admin.datasets.max-size)");
	}

}
