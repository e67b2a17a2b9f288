package dev.tango.runtime.artifact;

import java.io.IOException;

/**
 * Content did not have the sha256 it was expected to have. The message names the expected
 * sha256 only: the digest of the content that was read is never shown, so that a store
 * cannot be used to learn the sha256 of files or resources a caller does not know.
 */
public class ChecksumMismatchException extends IOException {

	private static final long serialVersionUID = 1L;

	private final String expected;

	/**
	 * Creates an exception.
	 * @param what what was read, for people (a file name or URI)
	 * @param expected the expected sha256
	 */
	public ChecksumMismatchException(String what, String expected) {
		super(what + " does not match the expected sha256 " + expected);
		this.expected = expected;
	}

	/**
	 * Returns the sha256 the content was expected to have.
	 * @return 64 lower-case hexadecimal digits
	 */
	public String expected() {
		return this.expected;
	}

}
