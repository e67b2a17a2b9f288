package dev.tango.runtime.remote;

/**
 * Thrown when a remote server answers with a body that is not the expected inference
 * response: not JSON, or without the expected output, or with a wrong datatype, shape or
 * values.
 */
class MalformedResponseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	MalformedResponseException(String message) {
		super(message);
	}

}
