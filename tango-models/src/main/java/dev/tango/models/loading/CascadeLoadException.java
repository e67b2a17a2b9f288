package dev.tango.models.loading;

import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * A cascade version could not be loaded into tiers. The message names the cascade
 * version, the tier (index and model version) and the cause; nothing the load opened is
 * left open.
 */
public class CascadeLoadException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int tier;

	/**
	 * Creates an exception that concerns the cascade version as a whole.
	 * @param message what failed
	 */
	public CascadeLoadException(String message) {
		this(message, -1, null);
	}

	/**
	 * Creates an exception that concerns the cascade version as a whole.
	 * @param message what failed
	 * @param cause the cause, or {@code null}
	 */
	public CascadeLoadException(String message, @Nullable Throwable cause) {
		this(message, -1, cause);
	}

	/**
	 * Creates an exception that concerns one tier.
	 * @param message what failed, naming the tier
	 * @param tier the zero-based index of the tier, or {@code -1} for none
	 * @param cause the cause, or {@code null}
	 */
	public CascadeLoadException(String message, int tier, @Nullable Throwable cause) {
		super(message, cause);
		this.tier = Math.max(tier, -1);
	}

	/**
	 * Returns the tier that failed.
	 * @return its zero-based index, or empty if the failure concerns no single tier
	 */
	public OptionalInt tier() {
		return (this.tier >= 0) ? OptionalInt.of(this.tier) : OptionalInt.empty();
	}

}
