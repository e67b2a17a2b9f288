package dev.tango.models.registry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;
import dev.tango.runtime.head.Pooling;

/**
 * A registered, immutable model version.
 *
 * @param id the registry's identifier
 * @param model the model's name
 * @param version the version number, from 1
 * @param kind the name of the {@link dev.tango.runtime.cascade.TierKind tier kind} that
 * serves it, such as {@code encoder-linear}
 * @param artifacts the artifacts by role
 * @param labels the class labels in output order, with their display names
 * @param maxInputLength the most tokens an input may have
 * @param pooling how embeddings are pooled, or {@code null}
 * @param options engine options
 * @param description free text, or {@code null}
 * @param createdAt when it was registered
 * @param createdBy who registered it
 * @param externalData the files the ONNX model reads its tensors from, in declared order;
 * empty when it keeps all its data inside
 */
public record ModelVersion(long id, String model, int version, String kind, Map<ArtifactRole, ArtifactRef> artifacts,
		List<Label> labels, int maxInputLength, @Nullable Pooling pooling, Map<String, String> options,
		@Nullable String description, Instant createdAt, String createdBy, List<ExternalDataFile> externalData) {

	public ModelVersion {
		artifacts = Map.copyOf(artifacts);
		labels = List.copyOf(labels);
		options = Map.copyOf(options);
		externalData = List.copyOf(externalData);
	}

	/**
	 * A model version whose model declares no external data.
	 * @param id the registry's identifier
	 * @param model the model's name
	 * @param version the version number
	 * @param kind the name of the tier kind that serves it
	 * @param artifacts the artifacts by role
	 * @param labels the class labels in output order
	 * @param maxInputLength the most tokens an input may have
	 * @param pooling how embeddings are pooled, or {@code null}
	 * @param options engine options
	 * @param description free text, or {@code null}
	 * @param createdAt when it was registered
	 * @param createdBy who registered it
	 */
	public ModelVersion(long id, String model, int version, String kind, Map<ArtifactRole, ArtifactRef> artifacts,
			List<Label> labels, int maxInputLength, @Nullable Pooling pooling, Map<String, String> options,
			@Nullable String description, Instant createdAt, String createdBy) {
		this(id, model, version, kind, artifacts, labels, maxInputLength, pooling, options, description, createdAt,
				createdBy, List.of());
	}

	/** This version's key, {@code model:version}. */
	public ModelKey key() {
		return new ModelKey(this.model, this.version);
	}

}
