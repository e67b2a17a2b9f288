package dev.tango.admin.registry;

import java.util.Map;

import org.springframework.stereotype.Service;

import dev.tango.models.artifact.ArtifactStore;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewModelVersion;

/**
 * Registers model versions whose artifacts were first fetched into the artifact store and
 * found to match their sha256, so that a typo in a digest is refused at registration
 * rather than when a serving instance loads the model.
 */
@Service
public class ModelRegistration {

	private final ModelRegistry registry;

	private final ArtifactStore store;

	public ModelRegistration(ModelRegistry registry, ArtifactStore store) {
		this.registry = registry;
		this.store = store;
	}

	/**
	 * Registers a model version.
	 * @param request the version
	 * @param verify whether to fetch every artifact that carries a sha256 and compare
	 * first
	 * @return the registered version
	 * @throws dev.tango.models.artifact.ArtifactException if an artifact is refused or
	 * does not match its sha256
	 * @throws dev.tango.models.registry.RegistryException if the registry refuses it
	 */
	public ModelVersion register(NewModelVersion request, boolean verify) {
		if (verify) {
			for (Map.Entry<ArtifactRole, ArtifactRef> artifact : request.artifacts().entrySet()) {
				String sha256 = artifact.getValue().sha256();
				if (sha256 != null && request.kind().needsChecksum(artifact.getKey())) {
					this.store.resolve(artifact.getValue().uri(), sha256);
				}
			}
		}
		return this.registry.registerModelVersion(request);
	}

}
