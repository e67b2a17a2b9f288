package dev.tango.models.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import dev.tango.models.artifact.ArtifactLocation;
import dev.tango.models.artifact.ArtifactStore;
import dev.tango.models.artifact.ArtifactUriValidator;

/**
 * Makes a registered model version ready to load into a tier: every artifact is fetched
 * into the local store and verified against its registered sha256 first. Thread-safe.
 */
public final class ModelResolver {

	private final ArtifactStore store;

	private final ArtifactUriValidator validator;

	/**
	 * Creates a resolver.
	 * @param store fetches and verifies artifacts
	 * @param validator judges endpoints of remote models
	 */
	public ModelResolver(ArtifactStore store, ArtifactUriValidator validator) {
		this.store = store;
		this.validator = validator;
	}

	/**
	 * Resolves a model version.
	 * @param version the model version
	 * @return its verified local files (and endpoint, for a remote model)
	 * @throws dev.tango.models.artifact.ArtifactException if an artifact is refused,
	 * cannot be fetched, or does not match its sha256
	 */
	public ResolvedModel resolve(ModelVersion version) {
		Map<ArtifactRole, Path> files = new EnumMap<>(ArtifactRole.class);
		URI endpoint = null;
		for (Map.Entry<ArtifactRole, ArtifactRef> artifact : version.artifacts().entrySet()) {
			ArtifactRef ref = artifact.getValue();
			if (version.kind().needsChecksum(artifact.getKey())) {
				files.put(artifact.getKey(), this.store.resolve(ref.uri(), String.valueOf(ref.sha256())));
			}
			else {
				ArtifactLocation location = this.validator.validate(ref.uri());
				endpoint = URI.create(location.uri());
			}
		}
		return new ResolvedModel(version, files, endpoint);
	}

}
