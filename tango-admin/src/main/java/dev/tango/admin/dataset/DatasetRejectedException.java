package dev.tango.admin.dataset;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded data set cannot be accepted; nothing of it was stored.
 */
public class DatasetRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable Long line;

	private final String reason;

	/**
	 * Creates the exception.
	 * @param line the line of the file at fault (1-based), or {@code null} if the fault
	 * is the file as a whole
	 * @param reason what is wrong, for people
	 */
	public DatasetRejectedException(@Nullable Long line, String reason) {
		super((line != null) ? "line " + line + ": " + reason : reason);
		this.line = line;
		this.reason = reason;
	}

	/**
	 * Returns the line at fault.
	 * @return the 1-based line, or {@code null} for the file as a whole
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
