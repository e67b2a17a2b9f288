package dev.tango.api.classify;

/**
 * A request holds more inputs, or an input more characters, than the service accepts.
 */
public class RequestTooLargeException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	public RequestTooLargeException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	/**
	 * Returns which limit the request exceeds.
	 * @return the limit
	 */
	public Kind kind() {
		return this.kind;
	}

	/** The limit exceeded. */
	public enum Kind {

		/** {@code tango.api.limits.max-inputs}. */
		TOO_MANY_INPUTS,

		/** {@code tango.api.limits.max-input-chars}. */
		INPUT_TOO_LONG

	}

}
