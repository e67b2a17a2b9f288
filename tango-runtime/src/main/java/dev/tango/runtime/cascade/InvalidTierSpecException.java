package dev.tango.runtime.cascade;

import dev.tango.core.settings.InvalidSettingException;

/**
 * A tier spec that its kind cannot open, naming the field at fault ({@link #setting()}:
 * an artifact role, option or setting, such as {@code head}) so that a descriptor reader
 * or the registry can point at it. Its message reads {@code field: problem}.
 */
public class InvalidTierSpecException extends InvalidSettingException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param field the artifact role, option or setting at fault, such as {@code head}
	 * @param detail what is wrong with it, such as {@code required}
	 */
	public InvalidTierSpecException(String field, String detail) {
		super(field, detail, field + ": " + detail);
	}

}
