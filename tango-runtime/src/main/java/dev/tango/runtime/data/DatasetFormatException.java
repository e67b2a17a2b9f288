package dev.tango.runtime.data;

import java.io.IOException;

/**
 * Thrown when a labelled data file is malformed; the message names the file and line.
 */
public class DatasetFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	public DatasetFormatException(String message) {
		super(message);
	}

	public DatasetFormatException(String message, Throwable cause) {
		super(message, cause);
	}

}
