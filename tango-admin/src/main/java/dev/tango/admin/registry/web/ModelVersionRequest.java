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

import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ExternalDataFile;
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
 * @param labels the class labels in output order
 * @param maxInputLength the most tokens an input may have
 * @param pooling how embeddings are pooled (encoder heads)
 * @param options engine options, or {@code null}
 * @param description free text, or {@code null}
 * @param externalData the files the ONNX model reads its tensors from, or {@code null}
 * for none
 */
record ModelVersionRequest(@Schema(description = KIND, example = "lexical-linear") @NotNull String kind,
		@NotEmpty Map<ArtifactRole, @Valid @NotNull Artifact> artifacts, @NotEmpty List<String> labels,
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
		return new NewModelVersion(model, kind, refs, this.labels, this.maxInputLength, this.pooling,
				Objects.requireNonNullElse(this.options, Map.of()), this.description, actor, files);
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
