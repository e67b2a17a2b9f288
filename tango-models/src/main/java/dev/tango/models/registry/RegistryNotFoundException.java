package dev.tango.models.registry;

/**
 * A model, cascade or version named in a request does not exist.
 */
public class RegistryNotFoundException extends RegistryException {

	private static final long serialVersionUID = 1L;

	public RegistryNotFoundException(String message) {
		super(message);
	}

}
