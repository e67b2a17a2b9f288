package dev.tango.runtime.bulk;

import java.io.IOException;

import dev.tango.runtime.data.InputRow;
import org.jspecify.annotations.Nullable;

/**
 * Rows to classify in bulk: a file, or a stored data set. Reading them twice gives the
 * same rows in the same order as long as {@link #survey()} gives the same digest.
 */
public interface BulkInput {

	/**
	 * Returns what the rows are, for messages.
	 * @return a file's path or a data set's name
	 */
	String description();

	/**
	 * Reads every row once, checking it, and returns the input's digest and size. A
	 * malformed row fails here, before anything is classified.
	 * @return the digest and the number of rows
	 * @throws IOException if the input cannot be read or a row is malformed
	 */
	Survey survey() throws IOException;

	/**
	 * Opens the rows from the first.
	 * @return a cursor over the rows, to be closed by the caller
	 * @throws IOException if the input cannot be read
	 */
	Cursor open() throws IOException;

	/**
	 * What a survey found.
	 *
	 * @param sha256 the digest of the input's content (a file's bytes, a data set's
	 * stored digest)
	 * @param rows the number of rows
	 */
	record Survey(String sha256, long rows) {

	}

	/** Rows in order, one at a time. Not thread-safe. */
	interface Cursor extends AutoCloseable {

		/**
		 * Reads the next row.
		 * @return the row, or {@code null} after the last
		 * @throws IOException if it cannot be read or is malformed
		 */
		@Nullable InputRow next() throws IOException;

		@Override
		void close() throws IOException;

	}

}
