package dev.tango.runtime.data;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when labelled data is malformed. It names the line at fault (unless the fault is
 * the data as a whole) and the reason; its message reads {@code source:line: reason} when
 * the source is known, else {@code line N: reason}.
 */
public class DatasetFormatException extends IOException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Long line;

	private final String reason;

	/**
	 * Creates the exception for data without a name.
	 * @param line the line at fault (1-based), or {@code null} for the data as a whole
	 * @param reason what is wrong, for people, without the line
	 */
	public DatasetFormatException(@Nullable Long line, String reason) {
		this(null, line, reason);
	}

	private DatasetFormatException(@Nullable String source, @Nullable Long line, String reason) {
		super(message(source, line, reason));
		this.line = line;
		this.reason = reason;
	}

	private static String message(@Nullable String source, @Nullable Long line, String reason) {
		if (source == null) {
			return (line != null) ? "line " + line + ": " + reason : reason;
		}
		return source + ":" + ((line != null) ? line : 1) + ": " + reason;
	}

	/**
	 * Returns the same fault, named after its source.
	 * @param source the file or other source the data came from
	 * @return an exception whose message starts with {@code source:line:}
	 */
	public DatasetFormatException in(String source) {
		DatasetFormatException named = new DatasetFormatException(source, this.line, this.reason);
		named.initCause(this);
		return named;
	}

	/**
	 * Returns the line at fault.
	 * @return the 1-based line, or {@code null} for the data as a whole
	 */
	public @Nullable Long line() {
		return this.line;
	}

	/**
	 * Returns what is wrong.
	 * @return the reason, without the line
	 */
	public String reason() {
		return this.reason;
	}

}
