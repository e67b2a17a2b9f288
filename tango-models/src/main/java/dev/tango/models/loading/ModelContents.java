package dev.tango.models.loading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.core.tier.Label;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelVersion;
import dev.tango.runtime.head.Pooling;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.classifier.OnnxClassifierKind;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadFiles;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.onnx.OnnxModelCheck;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import dev.tango.runtime.onnx.OnnxOutputs;

/**
 * The checks of a model version's verified files against what the registry says of it,
 * shared by registration ({@link ModelVerifier}) and loading
 * ({@link RegistryCascadeVersionLoader}), so that what registration accepts is what a
 * serving instance can load. Stateless.
 */
final class ModelContents {

	private static final JsonMapper JSON = JsonMapper.shared();

	private ModelContents() {
	}

	/**
	 * Checks every file of a model version: none is empty; the ONNX model passes
	 * {@link OnnxModelCheck} (its external data is exactly the declared files, each
	 * verified) where the kind runs ONNX Runtime, and an {@code onnx-classifier}'s
	 * declared output width, where the model states it, is its number of labels; the
	 * tokenizer is a JSON object; the head is read and checked ({@link #head}).
	 * @param resolved the model version and its verified files
	 * @param kind the tier kind the version names
	 * @throws IOException if a file is unreadable or refused (an
	 * {@link dev.tango.runtime.onnx.UnsafeModelException} for the ONNX model)
	 * @throws IllegalArgumentException if the files contradict the model version
	 */
	static void check(ResolvedModel resolved, TierKind kind) throws IOException {
		for (Map.Entry<ArtifactRole, Path> file : resolved.files().entrySet()) {
			if (Files.size(file.getValue()) == 0) {
				throw new IllegalArgumentException(
						"the " + file.getKey().id() + " " + uri(resolved, file.getKey()) + " is empty");
			}
		}
		Path model = resolved.files().get(ArtifactRole.MODEL);
		if (model != null && kind.runsOnnxRuntime()) {
			OnnxModelCheck.check(resolved.onnxModel());
		}
		if (model != null && kind.name().equals(OnnxClassifierKind.NAME)) {
			checkClassifierWidth(resolved, model);
		}
		Path tokenizer = resolved.files().get(ArtifactRole.TOKENIZER);
		if (tokenizer != null) {
			checkJsonObject(resolved, tokenizer);
		}
		HeadFile head = head(resolved);
		Path delta = resolved.files().get(ArtifactRole.DELTA);
		if (head != null && delta != null) {
			checkDeltaContent(resolved, head, delta);
		}
	}

	/**
	 * Reads the head file of a model version whose kind is a head file's kind
	 * ({@code encoder-linear}, {@code lexical-linear}) and checks it against the version:
	 * its kind, its labels, and for an encoder head the encoder's sha256, token limit and
	 * pooling, or for an encoder shipped as a delta, that the head names the delta
	 * artifact's sha256 (what the delta applies to and gives is checked at registration,
	 * {@link #check}, and by the tier when it applies it). The heads of other kinds are
	 * theirs to check when they open.
	 * @param resolved the model version and its verified files
	 * @return the head of an encoder or lexical model, else (or if the version has no
	 * head, which the registry refuses for those kinds) {@code null}
	 * @throws IOException if the head is unreadable or not a head file
	 * @throws IllegalArgumentException if the head contradicts the model version
	 */
	static @Nullable HeadFile head(ResolvedModel resolved) throws IOException {
		if (!resolved.files().containsKey(ArtifactRole.HEAD)) {
			return null;
		}
		if (resolved.kind().equals(HeadKind.ENCODER_LINEAR.id())) {
			return encoderHead(resolved);
		}
		if (resolved.kind().equals(HeadKind.LEXICAL_LINEAR.id())) {
			return readHead(resolved, HeadKind.LEXICAL_LINEAR);
		}
		return null;
	}

	private static HeadFile encoderHead(ResolvedModel resolved) throws IOException {
		ModelVersion model = resolved.version();
		HeadFile head = readHead(resolved, HeadKind.ENCODER_LINEAR);
		EncoderIdentity encoder = head.requireEncoder();
		ArtifactRef modelRef = model.artifacts().get(ArtifactRole.MODEL);
		String modelSha256 = (modelRef != null) ? modelRef.sha256() : null;
		Path delta = resolved.files().get(ArtifactRole.DELTA);
		if (delta != null) {
			checkDeltaNamed(resolved, head);
		}
		else if (modelRef != null && !encoder.onnxSha256().equals(modelSha256)) {
			throw new IllegalArgumentException("the head was fitted on encoder " + encoder.describe()
					+ ", but the model artifact has sha256 " + modelSha256);
		}
		if (encoder.maxTokens() != model.maxInputLength()) {
			throw new IllegalArgumentException("maxInputLength is " + model.maxInputLength()
					+ ", but the head was fitted on inputs of at most " + encoder.maxTokens() + " tokens");
		}
		Pooling pooling = Pooling.valueOf(encoder.pooling().name());
		if (pooling != model.pooling()) {
			throw new IllegalArgumentException(
					"pooling is " + model.pooling() + ", but the head was fitted with " + pooling + " pooling");
		}
		return head;
	}

	private static void checkDeltaNamed(ResolvedModel resolved, HeadFile head) {
		EncoderDelta named = head.encoderDelta();
		String sha256 = resolved.version().artifacts().get(ArtifactRole.DELTA).sha256();
		if (named == null || !named.sha256().equals(sha256)) {
			throw new IllegalArgumentException(
					"the delta " + uri(resolved, ArtifactRole.DELTA) + " has sha256 " + sha256 + ", but the head names "
							+ ((named != null) ? "the delta with sha256 " + named.sha256() : "no encoder delta"));
		}
	}

	/**
	 * Reads the delta file and checks that it applies to the model artifact and gives the
	 * encoder the head was fitted on.
	 */
	private static void checkDeltaContent(ResolvedModel resolved, HeadFile head, Path file) throws IOException {
		String uri = uri(resolved, ArtifactRole.DELTA);
		String modelSha256 = resolved.version().artifacts().get(ArtifactRole.MODEL).sha256();
		InitializerDelta delta = InitializerDelta.read(file);
		if (!delta.baseSha256().equals(modelSha256)) {
			throw new IllegalArgumentException("the delta " + uri + " applies to the model with sha256 "
					+ delta.baseSha256() + ", but the model artifact has sha256 " + modelSha256);
		}
		EncoderIdentity encoder = head.requireEncoder();
		if (!delta.resultSha256().equals(encoder.onnxSha256())) {
			throw new IllegalArgumentException("the delta " + uri + " gives the model with sha256 "
					+ delta.resultSha256() + ", but the head was fitted on encoder " + encoder.describe());
		}
	}

	private static HeadFile readHead(ResolvedModel resolved, HeadKind expected) throws IOException {
		ModelVersion model = resolved.version();
		String uri = uri(resolved, ArtifactRole.HEAD);
		HeadFile head = HeadFiles.read(resolved.files().get(ArtifactRole.HEAD));
		if (head.kind() != expected) {
			throw new IllegalArgumentException(
					"head " + uri + " is a " + head.kind().id() + " head, expected " + expected.id());
		}
		if (!head.head().labels().equals(Label.ids(model.labels()))) {
			throw new IllegalArgumentException("head " + uri + " has labels " + head.head().labels()
					+ ", the model version " + Label.ids(model.labels()));
		}
		return head;
	}

	private static void checkClassifierWidth(ResolvedModel resolved, Path model) throws IOException {
		Optional<long[]> shape = OnnxOutputs.declaredShape(model, OnnxClassifierTier.OUTPUT);
		if (shape.isEmpty()) {
			return;
		}
		long[] dims = shape.get();
		if (dims.length != 2) {
			throw new IllegalArgumentException("the model's output " + OnnxClassifierTier.OUTPUT + " has rank "
					+ dims.length + ", expected [batch, labels]");
		}
		if (dims[1] != OnnxOutputs.UNKNOWN && dims[1] != resolved.labels().size()) {
			throw new IllegalArgumentException("the model's output " + OnnxClassifierTier.OUTPUT + " gives " + dims[1]
					+ " classes, but the version has " + resolved.labels().size() + " labels " + resolved.labels());
		}
	}

	private static void checkJsonObject(ResolvedModel resolved, Path file) throws IOException {
		JsonNode root;
		try (InputStream in = Files.newInputStream(file)) {
			root = JSON.readTree(in);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("the tokenizer " + uri(resolved, ArtifactRole.TOKENIZER)
					+ " is not JSON: " + ex.getOriginalMessage());
		}
		if (root == null || !root.isObject()) {
			throw new IllegalArgumentException(
					"the tokenizer " + uri(resolved, ArtifactRole.TOKENIZER) + " is not a JSON object");
		}
	}

	private static String uri(ResolvedModel resolved, ArtifactRole role) {
		return Objects.requireNonNull(resolved.version().artifacts().get(role)).uri();
	}

}
