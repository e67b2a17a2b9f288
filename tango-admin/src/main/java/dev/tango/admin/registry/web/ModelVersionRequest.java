package dev.tango.admin.registry.web;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ExternalDataFile;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.runtime.head.Pooling;

/**
 * A model version to register; the registry checks the rules of its kind.
 *
 * @param kind the name of the tier kind that serves the model, such as
 * {@code lexical-linear}; the names of the kinds before they were tier kinds
 * ({@code ONNX_CLASSIFIER}, {@code ENCODER_HEAD}, {@code LEXICAL}, {@code REMOTE_OIP}, in
 * any case) are deprecated aliases of theirs
 * @param artifacts the artifacts by role: {@code MODEL}, {@code TOKENIZER}, {@code HEAD}
 * @param labels the class labels in output order, by identifier (as labelled data names
 * them)
 * @param displayNames the names answers show, by label identifier, for some or all
 * labels; or {@code null} for none (a label without one is shown by its identifier)
 * @param maxInputLength the most tokens an input may have
 * @param pooling how embeddings are pooled (encoder heads)
 * @param options engine options, or {@code null}
 * @param description free text, or {@code null}
 * @param externalData the files the ONNX model reads its tensors from, or {@code null}
 * for none
 */
record ModelVersionRequest(@Schema(description = KIND, example = "lexical-linear") @NotNull String kind,
		@NotEmpty Map<ArtifactRole, @Valid @NotNull Artifact> artifacts, @NotEmpty List<@NotNull String> labels,
		@Schema(description = "The names answers show, by label identifier; a label without one is shown by its identifier",
				example = "{\"0\": \"negative\", \"1\": \"positive\"}") @Nullable Map<String, String> displayNames,
		int maxInputLength, @Nullable Pooling pooling, @Nullable Map<String, String> options,
		@Nullable String description, @Nullable List<@Valid @NotNull ExternalData> externalData) {

	static final String KIND = "The name of the tier kind that serves the model: onnx-classifier, encoder-linear, "
			+ "lexical-linear or another installed kind. Deprecated aliases, accepted in requests only and in any "
			+ "case: ONNX_CLASSIFIER, ENCODER_HEAD, LEXICAL, REMOTE_OIP (for onnx-classifier, encoder-linear, "
			+ "lexical-linear, remote-oip). Responses give the name.";

	/**
	 * The kinds' names before they were tier kinds, accepted as deprecated aliases in any
	 * case, as the enum they were read into accepted them.
	 */
	private static final Map<String, String> DEPRECATED_KINDS = Map.of("ONNX_CLASSIFIER", "onnx-classifier",
			"ENCODER_HEAD", "encoder-linear", "LEXICAL", "lexical-linear", "REMOTE_OIP", "remote-oip");

	NewModelVersion toNew(String model, String actor) {
		Map<ArtifactRole, ArtifactRef> refs = new EnumMap<>(ArtifactRole.class);
		this.artifacts.forEach((role, artifact) -> refs.put(role, new ArtifactRef(artifact.uri(), artifact.sha256())));
		List<ExternalDataFile> files = Objects.requireNonNullElse(this.externalData, List.<ExternalData>of())
			.stream()
			.map((file) -> new ExternalDataFile(file.path(), file.uri(), file.sha256()))
			.toList();
		String kind = DEPRECATED_KINDS.getOrDefault(this.kind.toUpperCase(Locale.ROOT), this.kind);
		return new NewModelVersion(model, kind, refs, namedLabels(), this.maxInputLength, this.pooling,
				Objects.requireNonNullElse(this.options, Map.of()), this.description, actor, files);
	}

	/**
	 * Returns the labels with their display names.
	 * @throws InvalidRegistryRequestException if a display name names no label, or a
	 * label or display name is blank
	 */
	private List<Label> namedLabels() {
		Map<String, String> names = Objects.requireNonNullElse(this.displayNames, Map.of());
		List<String> unknown = names.keySet().stream().filter((id) -> !this.labels.contains(id)).sorted().toList();
		if (!unknown.isEmpty()) {
			throw new InvalidRegistryRequestException(
					"displayNames names labels " + unknown + " that are not among the labels " + this.labels);
		}
		try {
			return this.labels.stream().map((id) -> new Label(id, names.get(id))).toList();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRegistryRequestException("Invalid labels: " + ex.getMessage());
		}
	}

	/**
	 * An artifact.
	 *
	 * @param uri a {@code classpath:}, {@code file:} or {@code https:} URI
	 * @param sha256 the sha256 of its content; {@code null} only for a remote endpoint
	 */
	record Artifact(@NotNull String uri, @Nullable String sha256) {

	}

	/**
	 * An external-data file of the ONNX model.
	 *
	 * @param path the {@code location} its tensors name: relative to the model's folder,
	 * normalised, {@code /}-separated
	 * @param uri a {@code classpath:}, {@code file:} or {@code https:} URI of its content
	 * @param sha256 the sha256 of its content
	 */
	record ExternalData(@NotNull String path, @NotNull String uri, @NotNull String sha256) {

	}

}
