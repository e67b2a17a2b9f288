package dev.tango.api.classify;

/**
 * A request is malformed: no inputs, or inputs of the wrong shape or type. The message
 * says what is wrong.
 */
public class InvalidInputException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public InvalidInputException(String message) {
		super(message);
	}

}
