package dev.tango.runtime.head;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tango.runtime.io.AtomicFiles;
import dev.tango.runtime.io.InputFiles;
import dev.tango.runtime.json.JsonFormatException;
import dev.tango.runtime.json.JsonObject;

/**
 * Reads and writes head files: JSON with format id {@value #FORMAT}, version
 * {@value #VERSION}, as described in {@code HEAD_FORMAT.md}.
 *
 * <p>
 * Reading validates everything: the format and version, the kind and its section, that
 * the labels are distinct, that {@code weights} is {@code C × D} and {@code bias} has
 * {@code C} values, all finite, and that {@code D} matches the encoder's dimension or the
 * number of lexical buckets. Weight rows are written as JSON numbers up to
 * {@value #MAX_NUMERIC_ROW} columns and as base64 of little-endian float32 beyond; both
 * forms are read. Floats round-trip exactly.
 *
 * <p>
 * Both directions stream: the weights and bias go between the file and float arrays
 * without a tree node per number or a string per base64 row, so reading or writing a head
 * takes little memory beyond that of its arrays (reading: at most half a row more, while
 * the row grows). Files are limited to {@value JsonObject#MAX_DOCUMENT_BYTES} bytes and
 * {@value JsonObject#MAX_TOKENS} tokens, as all of Tango's JSON files are.
 */
public final class HeadFiles {

	/** The format id. */
	public static final String FORMAT = "tango-linear-head";

	/** The format version this library writes and reads. */
	public static final int VERSION = 1;

	/** Rows with more columns than this are written as base64. */
	public static final int MAX_NUMERIC_ROW = 4096;

	private HeadFiles() {
	}

	/**
	 * Reads and validates a head file.
	 * @param file the file
	 * @return the head
	 * @throws JsonFormatException if the file is not a valid head file
	 * @throws IOException if the file cannot be read
	 */
	public static HeadFile read(Path file) throws IOException {
		try (InputStream in = InputFiles.open(file)) {
			return read(in, file.toString());
		}
	}

	/**
	 * Reads and validates a head file. The first problem found is thrown, naming the
	 * source and the field, such as {@code head.json: $.weights[1]: expected 384 values,
	 * found 383}; a document that is not valid JSON or breaks a limit is refused before
	 * its fields are judged.
	 * @param in the stream (not closed)
	 * @param source a name of the stream for messages
	 * @return the head
	 * @throws JsonFormatException if the stream is not a valid head file
	 * @throws IOException if the stream cannot be read
	 */
	public static HeadFile read(InputStream in, String source) throws IOException {
		return HeadReader.read(in, source);
	}

	/**
	 * Writes a head file atomically (to a temporary file moved into place).
	 * @param head the head
	 * @param file the file, replaced if it exists
	 * @throws IOException if the file cannot be written
	 */
	public static void write(HeadFile head, Path file) throws IOException {
		AtomicFiles.replace(file, (temp) -> {
			try (OutputStream out = Files.newOutputStream(temp)) {
				write(head, out);
			}
		});
	}

	/**
	 * Writes a head file.
	 * @param head the head
	 * @param out the stream (not closed)
	 * @throws IOException if the stream cannot be written
	 */
	public static void write(HeadFile head, OutputStream out) throws IOException {
		HeadWriter.write(head, out);
	}

}
