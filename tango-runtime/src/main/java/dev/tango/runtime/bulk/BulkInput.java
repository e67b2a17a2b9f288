package dev.tango.runtime.bulk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

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
	 * Returns the column or field whose value identifies each row, copied to the results
	 * when a run asks for identifiers.
	 * @return its name, or {@code null} where rows have none
	 */
	default @Nullable String idColumn() {
		return null;
	}

	/**
	 * Reads every row once, checking it, and returns the input's digest and size. A
	 * malformed row fails here, before anything is classified.
	 * @return the digest and the number of rows
	 * @throws IOException if the input cannot be read or a row is malformed
	 */
	Survey survey() throws IOException;

	/**
	 * Returns the state of the input's file as it is now, to tell whether it changed
	 * since {@link #survey()}; cheap (no read of the content).
	 * @return the file's size and modification time, or {@code null} for an input that is
	 * not a file (a stored data set does not change)
	 * @throws IOException if the file cannot be looked at
	 */
	default @Nullable FileStamp stamp() throws IOException {
		return null;
	}

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
	 * @param file the file's size and modification time as it was read, or {@code null}
	 * for an input that is not a file
	 */
	record Survey(String sha256, long rows, @Nullable FileStamp file) {

	}

	/**
	 * A file's size and modification time: a file whose stamp differs has changed (its
	 * content may be the same; the digest tells).
	 *
	 * @param bytes the size
	 * @param modified the last modification
	 */
	record FileStamp(long bytes, Instant modified) {

		/**
		 * Reads a file's stamp.
		 * @param file the file
		 * @return its size and modification time now
		 * @throws IOException if it cannot be looked at
		 */
		public static FileStamp of(Path file) throws IOException {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
			return new FileStamp(attributes.size(), attributes.lastModifiedTime().toInstant());
		}

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
