package dev.tango.runtime.cascade;

/**
 * A tier spec that its kind cannot open, naming the field at fault so that a descriptor
 * reader or the registry can point at it.
 */
public class InvalidTierSpecException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String detail;

	/**
	 * Creates the exception.
	 * @param field the artifact role, option or setting at fault, such as {@code head}
	 * @param detail what is wrong with it, such as {@code required}
	 */
	public InvalidTierSpecException(String field, String detail) {
		super(field + ": " + detail);
		this.field = field;
		this.detail = detail;
	}

	/**
	 * Returns the artifact role, option or setting at fault.
	 * @return the field's name
	 */
	public String field() {
		return this.field;
	}

	/**
	 * Returns what is wrong with the field.
	 * @return the detail
	 */
	public String detail() {
		return this.detail;
	}

}
