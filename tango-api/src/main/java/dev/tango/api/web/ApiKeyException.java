package dev.tango.api.web;

/**
 * A request to an inference endpoint carried no API key, or one that is not accepted.
 */
public class ApiKeyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public ApiKeyException(String message) {
		super(message);
	}

}
