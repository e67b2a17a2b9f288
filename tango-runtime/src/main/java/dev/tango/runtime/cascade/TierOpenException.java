package dev.tango.runtime.cascade;

import java.io.IOException;

/**
 * A tier of a {@link CascadeSpec} that could not be opened, or that does not fit the
 * tiers before it; the tiers opened before it are closed.
 */
public class TierOpenException extends IOException {

	private static final long serialVersionUID = 1L;

	private final int tierIndex;

	private final String detail;

	/**
	 * Creates the exception.
	 * @param tierIndex the tier's position, 0 for the cheapest
	 * @param kind the tier's kind
	 * @param detail what went wrong
	 * @param cause the cause, or {@code null}
	 */
	public TierOpenException(int tierIndex, String kind, String detail, Throwable cause) {
		super("Tier " + (tierIndex + 1) + " (" + kind + "): " + detail, cause);
		this.tierIndex = tierIndex;
		this.detail = detail;
	}

	/**
	 * Returns the position of the tier that failed.
	 * @return the index, 0 for the cheapest tier
	 */
	public int tierIndex() {
		return this.tierIndex;
	}

	/**
	 * Returns what went wrong, without the tier's position.
	 * @return the detail
	 */
	public String detail() {
		return this.detail;
	}

}
