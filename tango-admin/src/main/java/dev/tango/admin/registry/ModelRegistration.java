package dev.tango.admin.registry;

import org.springframework.stereotype.Service;

import dev.tango.models.loading.ModelVerifier;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewModelVersion;

/**
 * Registers model versions whose artifacts were first fetched into the artifact store,
 * found to match their sha256 and checked as a serving instance checks them before it
 * loads them ({@link ModelVerifier}), so that a typo in a digest, an empty or unparsable
 * file, a head that contradicts the version or an ONNX model referencing files outside
 * itself is refused at registration rather than when a serving instance loads the model.
 */
@Service
public class ModelRegistration {

	private final ModelRegistry registry;

	private final ModelVerifier verifier;

	public ModelRegistration(ModelRegistry registry, ModelVerifier verifier) {
		this.registry = registry;
		this.verifier = verifier;
	}

	/**
	 * Registers a model version.
	 * @param request the version
	 * @param verify whether to check the request, then fetch every artifact and external
	 * data file that carries a sha256, compare it and check its content first
	 * @return the registered version
	 * @throws dev.tango.models.artifact.ArtifactException if an artifact is refused or
	 * does not match its sha256
	 * @throws dev.tango.models.loading.InvalidModelException if the content cannot be
	 * served
	 * @throws dev.tango.models.registry.RegistryException if the registry refuses it
	 */
	public ModelVersion register(NewModelVersion request, boolean verify) {
		if (verify) {
			this.registry.checkModelVersion(request);
			this.verifier.verify(request);
		}
		return this.registry.registerModelVersion(request);
	}

}
