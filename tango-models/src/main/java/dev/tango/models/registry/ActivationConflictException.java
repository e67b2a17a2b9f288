package dev.tango.models.registry;

/**
 * An activation or rollback lost to a concurrent one, or the active version was not the
 * one the caller expected. Nothing was changed.
 */
public class ActivationConflictException extends RegistryConflictException {

	private static final long serialVersionUID = 1L;

	public ActivationConflictException(String message) {
		super(message);
	}

	public ActivationConflictException(String message, Throwable cause) {
		super(message, cause);
	}

}
