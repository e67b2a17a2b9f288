package dev.tango.runtime.bulk;

import java.io.IOException;

/**
 * Thrown when a bulk run cannot resume from its checkpoint: the input (its digest, or a
 * file's size or modification time), the cascade version or the output format is not the
 * checkpoint's, or the output is shorter than the checkpoint says. The message says which
 * and what to do.
 */
public class ResumeRefusedException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what differs, for people
	 */
	public ResumeRefusedException(String message) {
		super(message);
	}

}
