package dev.tango.models.registry;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;
import dev.tango.runtime.head.Pooling;

/**
 * A model version to register. Its number is assigned by the registry.
 *
 * @param model the model's name (letters, digits, {@code . _ -}; created if new)
 * @param kind the name of the installed {@link dev.tango.runtime.cascade.TierKind tier
 * kind} that serves it, such as {@code encoder-linear}
 * @param artifacts the artifacts by role, as the kind's
 * {@link dev.tango.runtime.cascade.TierKind#artifactNeed artifactNeed} demands
 * @param labels the class labels in output order, by identifier, with their display
 * names; at least two, identifiers and names distinct
 * @param maxInputLength the most tokens an input may have, positive
 * @param pooling how embeddings are pooled, or {@code null}; an encoder's head file names
 * the pooling it was fitted with, which this must match
 * @param options engine options (names and values), possibly empty
 * @param description free text, or {@code null}
 * @param createdBy who registers it
 * @param externalData the files the ONNX model reads its tensors from, in declared order;
 * empty when it keeps all its data inside (only kinds that run an ONNX model may declare
 * any)
 */
public record NewModelVersion(String model, String kind, Map<ArtifactRole, ArtifactRef> artifacts, List<Label> labels,
		int maxInputLength, @Nullable Pooling pooling, Map<String, String> options, @Nullable String description,
		String createdBy, List<ExternalDataFile> externalData) {

	public NewModelVersion {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(createdBy, "createdBy");
		artifacts = Map.copyOf(artifacts);
		labels = List.copyOf(labels);
		options = Map.copyOf(options);
		externalData = List.copyOf(externalData);
	}

	/**
	 * A model version whose model declares no external data.
	 * @param model the model's name
	 * @param kind the name of the tier kind that serves it
	 * @param artifacts the artifacts by role
	 * @param labels the class labels in output order, with their display names
	 * @param maxInputLength the most tokens an input may have
	 * @param pooling how embeddings are pooled, or {@code null}
	 * @param options engine options
	 * @param description free text, or {@code null}
	 * @param createdBy who registers it
	 */
	public NewModelVersion(String model, String kind, Map<ArtifactRole, ArtifactRef> artifacts, List<Label> labels,
			int maxInputLength, @Nullable Pooling pooling, Map<String, String> options, @Nullable String description,
			String createdBy) {
		this(model, kind, artifacts, labels, maxInputLength, pooling, options, description, createdBy, List.of());
	}

}
