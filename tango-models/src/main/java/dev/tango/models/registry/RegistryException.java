package dev.tango.models.registry;

/**
 * A registry request failed. Subclasses say how: not found, invalid, or in conflict with
 * a concurrent change.
 */
public abstract class RegistryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected RegistryException(String message) {
		super(message);
	}

	protected RegistryException(String message, Throwable cause) {
		super(message, cause);
	}

}
