package dev.tango.runtime.onnx.edit;

import java.io.IOException;

/**
 * A file is not an ONNX model this package can read, or a model lacks what an edit needs.
 */
public class OnnxFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what is wrong
	 */
	public OnnxFormatException(String message) {
		super(message);
	}

}
