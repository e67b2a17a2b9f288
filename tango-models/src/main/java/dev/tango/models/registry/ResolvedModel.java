package dev.tango.models.registry;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A model version ready to load: every artifact is a local file whose sha256 matched the
 * registered one.
 *
 * @param version the model version
 * @param files the verified local files by role
 * @param endpoint the endpoint of a {@link ModelKind#REMOTE_OIP} model, else {@code null}
 */
public record ResolvedModel(ModelVersion version, Map<ArtifactRole, Path> files, @Nullable URI endpoint) {

	public ResolvedModel {
		files = Map.copyOf(files);
	}

	/** The kind of model. */
	public ModelKind kind() {
		return this.version.kind();
	}

	/** The class labels in output order. */
	public List<String> labels() {
		return this.version.labels();
	}

	/** The engine options. */
	public Map<String, String> options() {
		return this.version.options();
	}

}
