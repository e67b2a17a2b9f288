package dev.tango.models.registry;

/**
 * A request breaks a rule of the registry (a missing artifact, a threshold out of range,
 * tiers whose labels differ...). Artifact URIs that are refused raise
 * {@link dev.tango.models.artifact.ArtifactException} instead.
 */
public class InvalidRegistryRequestException extends RegistryException {

	private static final long serialVersionUID = 1L;

	public InvalidRegistryRequestException(String message) {
		super(message);
	}

}
