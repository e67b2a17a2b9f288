package dev.tango.models.registry;

/**
 * A request lost a race with a concurrent change, or no longer fits the registry's
 * current state. Retrying after reading the current state may succeed.
 */
public class RegistryConflictException extends RegistryException {

	private static final long serialVersionUID = 1L;

	public RegistryConflictException(String message) {
		super(message);
	}

	public RegistryConflictException(String message, Throwable cause) {
		super(message, cause);
	}

}
