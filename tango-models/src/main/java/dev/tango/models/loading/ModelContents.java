package dev.tango.models.loading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OnnxModelCheck;
import dev.tango.runtime.text.TextTokenizer;

/**
 * The checks of a model version's verified files against what the registry says of it,
 * shared by registration ({@link ModelVerifier}) and loading
 * ({@link RegistryCascadeVersionLoader}), so that what registration accepts is what a
 * serving instance can load. What is particular to a kind is the kind's to check
 * ({@link TierKind#registration}, {@link TierKind#checkContents}); nothing here names a
 * kind. Stateless.
 */
final class ModelContents {

	/** The token limit a tokenizer is loaded with to check it; any limit would do. */
	private static final int CHECKED_TOKENS = 512;

	private ModelContents() {
	}

	/**
	 * Checks every file of a model version to register: none is empty; the ONNX model
	 * passes {@link OnnxModelCheck} (its external data is exactly the declared files,
	 * each verified) where the kind runs ONNX Runtime; the tokenizer loads as a serving
	 * instance loads it; the spec is {@link TierKind#validate valid}; the version is what
	 * its kind reads from its files ({@link #requireRecorded}); and the files agree with
	 * one another as the kind requires ({@link TierKind#checkContents}).
	 * @param resolved the model version and its verified files
	 * @param kind the tier kind the version names
	 * @param spec the version as a spec, its artifacts the verified files
	 * @param files opens the verified files
	 * @throws IOException if a file is unreadable or refused (an
	 * {@link dev.tango.runtime.onnx.UnsafeModelException} for the ONNX model)
	 * @throws IllegalArgumentException if the files contradict the model version
	 */
	static void check(ResolvedModel resolved, TierKind kind, TierSpec spec, ArtifactSource files) throws IOException {
		for (Map.Entry<ArtifactRole, Path> file : resolved.files().entrySet()) {
			if (Files.size(file.getValue()) == 0) {
				throw new IllegalArgumentException(
						"the " + file.getKey().id() + " " + uri(resolved, file.getKey()) + " is empty");
			}
		}
		if (resolved.files().containsKey(ArtifactRole.MODEL) && kind.runsOnnxRuntime()) {
			OnnxModelCheck.check(resolved.onnxModel());
		}
		Path tokenizer = resolved.files().get(ArtifactRole.TOKENIZER);
		if (tokenizer != null) {
			checkTokenizer(resolved, tokenizer);
		}
		kind.validate(spec);
		requireRecorded(resolved.version(), kind, spec, files);
		kind.checkContents(spec, files);
	}

	/**
	 * Checks that a model version says what its kind reads from its files
	 * ({@link TierKind#registration}): labels, input limit, pooling, and the sha256 of
	 * the artifacts the files name (such as the encoder a head was fitted on, or the
	 * delta it ships its encoder as).
	 * @param version the model version
	 * @param kind its kind
	 * @param spec the version as a spec, its artifacts the verified files
	 * @param files opens the verified files
	 * @throws IOException if a file is unreadable, or contradicts the spec
	 * @throws IllegalArgumentException if the files contradict the model version
	 */
	static void requireRecorded(ModelVersion version, TierKind kind, TierSpec spec, ArtifactSource files)
			throws IOException {
		kind.registration(spec, files).requireRecordedAs(recorded(version));
	}

	/**
	 * Returns what the registry records of a model version, in the shape a kind describes
	 * a tier in.
	 */
	private static TierRegistration recorded(ModelVersion version) {
		Map<String, TierArtifact> artifacts = new LinkedHashMap<>();
		version.artifacts()
			.forEach((role, artifact) -> artifacts.put(role.id(), new TierArtifact(artifact.uri(), artifact.sha256())));
		return new TierRegistration(version.key().toString(), artifacts, version.labels(), version.maxInputLength(),
				version.pooling(), version.options(), TierRegistration.DEFAULT_BATCH_SIZE, version.description());
	}

	/**
	 * Checks that the tokenizer loads as a serving instance loads it: a
	 * {@code tokenizer.json} that is JSON but not a tokenizer would otherwise be
	 * registered, and fail only when a cascade version holding it is loaded.
	 */
	private static void checkTokenizer(ResolvedModel resolved, Path file) {
		try (TextTokenizer tokenizer = TextTokenizer.load(file, CHECKED_TOKENS)) {
			// Loaded: the file is a tokenizer the runtime can use.
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(
					"the tokenizer " + uri(resolved, ArtifactRole.TOKENIZER) + " cannot be loaded: " + ex.getMessage());
		}
	}

	private static String uri(ResolvedModel resolved, ArtifactRole role) {
		return Objects.requireNonNull(resolved.version().artifacts().get(role)).uri();
	}

}
