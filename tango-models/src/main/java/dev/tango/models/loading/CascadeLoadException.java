package dev.tango.models.loading;

/**
 * Thrown when a cascade version cannot be loaded; the message names the tier and the
 * cause.
 */
public class CascadeLoadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CascadeLoadException(String message) {
		super(message);
	}

	public CascadeLoadException(String message, Throwable cause) {
		super(message, cause);
	}

}
