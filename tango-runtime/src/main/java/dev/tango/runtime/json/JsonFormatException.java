package dev.tango.runtime.json;

import java.io.IOException;

/**
 * Thrown when a JSON file is malformed or does not follow its format; the message names
 * the file and the field.
 */
public class JsonFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	public JsonFormatException(String message) {
		super(message);
	}

	public JsonFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
