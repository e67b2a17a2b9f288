package dev.tango.models.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.runtime.head.Pooling;

/**
 * A model version to register. Its number is assigned by the registry.
 *
 * @param model the model's name (letters, digits, {@code . _ -}; created if new)
 * @param kind the kind of model
 * @param artifacts the artifacts by role, as {@link ModelKind#need} demands
 * @param labels the class labels in output order; at least two, distinct
 * @param maxInputLength the most tokens an input may have, positive
 * @param pooling how embeddings are pooled; required for {@link ModelKind#ENCODER_HEAD}
 * @param options engine options (names and values), possibly empty
 * @param description free text, or {@code null}
 * @param createdBy who registers it
 */
public record NewModelVersion(String model, ModelKind kind, Map<ArtifactRole, ArtifactRef> artifacts,
		List<String> labels, int maxInputLength, @Nullable Pooling pooling, Map<String, String> options,
		@Nullable String description, String createdBy) {

	public NewModelVersion {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(createdBy, "createdBy");
		artifacts = Map.copyOf(artifacts);
		labels = List.copyOf(labels);
		options = Map.copyOf(options);
	}

}
