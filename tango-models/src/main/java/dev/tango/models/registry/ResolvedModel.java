package dev.tango.models.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tango.core.tier.Label;
import dev.tango.runtime.onnx.OnnxModelFile;

/**
 * A model version ready to load: every artifact is a local file whose sha256 matched the
 * registered one. A model with external data is a file of a folder that holds, beside it,
 * each declared file at its declared path.
 *
 * @param version the model version
 * @param files the verified local files by role
 * @param endpoints the artifacts registered without a sha256 (addresses, such as a remote
 * model's endpoint) by role, each validated; empty for most kinds
 * @param externalData the model's declared external-data files, path → sha256, placed
 * beside {@link ArtifactRole#MODEL}; empty if it declares none
 */
public record ResolvedModel(ModelVersion version, Map<ArtifactRole, Path> files, Map<ArtifactRole, URI> endpoints,
		Map<String, String> externalData) {

	public ResolvedModel {
		files = Map.copyOf(files);
		endpoints = Map.copyOf(endpoints);
		externalData = Map.copyOf(externalData);
	}

	/** The name of the tier kind that serves it. */
	public String kind() {
		return this.version.kind();
	}

	/** The class labels in output order, with their display names. */
	public List<Label> labels() {
		return this.version.labels();
	}

	/** The engine options. */
	public Map<String, String> options() {
		return this.version.options();
	}

	/**
	 * The ONNX model with its declared external data, as the runtime checks and opens it.
	 * @return the model file
	 * @throws NullPointerException if the version has no model file
	 */
	public OnnxModelFile onnxModel() {
		Path model = Objects.requireNonNull(this.files.get(ArtifactRole.MODEL), "No model file");
		return new OnnxModelFile(model, this.externalData);
	}

}
