package dev.tango.runtime.bulk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Thrown when a bulk run's input file changes while the run reads it: its results would
 * mix rows of two versions of the file. The message names the file and what changed.
 */
public class InputChangedException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message the file and what changed, for people
	 */
	public InputChangedException(String message) {
		super(message);
	}

	/**
	 * Says how a file's stamp changed.
	 * @param was the stamp before
	 * @param now the stamp after
	 * @return such as {@code its size is 120 bytes, was 100}, parts joined by
	 * {@code ", "}; empty if the stamps are equal
	 */
	static String how(BulkInput.FileStamp was, BulkInput.FileStamp now) {
		List<String> parts = new ArrayList<>(2);
		if (now.bytes() != was.bytes()) {
			parts.add("its size is " + now.bytes() + " bytes, was " + was.bytes());
		}
		if (!now.modified().equals(was.modified())) {
			parts.add("it was modified at " + now.modified() + ", was at " + was.modified());
		}
		return String.join(", ", parts);
	}

}
