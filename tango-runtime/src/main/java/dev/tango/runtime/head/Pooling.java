package dev.tango.runtime.head;

import java.util.Locale;

/**
 * How a sentence encoder turns its per-token hidden states into one vector.
 */
public enum Pooling {

	/** The mean of the hidden states of the real (unmasked) tokens. */
	MEAN,

	/** The hidden state of the first token ({@code [CLS]}). */
	CLS;

	/**
	 * Returns the lower-case name used in files.
	 * @return the name
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Returns the pooling with the given name, case-insensitively.
	 * @param id the name
	 * @return the pooling
	 * @throws IllegalArgumentException if none has that name
	 */
	public static Pooling of(String id) {
		for (Pooling pooling : values()) {
			if (pooling.id().equalsIgnoreCase(id)) {
				return pooling;
			}
		}
		throw new IllegalArgumentException("Unknown pooling '" + id + "': use mean or cls");
	}

}
