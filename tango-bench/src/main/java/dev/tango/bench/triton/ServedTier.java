package dev.tango.bench.triton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Activation;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.classifier.ClassifierConfig;
import dev.tango.runtime.classifier.OnnxClassifierKind;
import dev.tango.runtime.classifier.OnnxClassifierTier;
import dev.tango.runtime.encoder.EncoderArtifacts;
import dev.tango.runtime.encoder.EncoderLinearTier;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadArtifacts;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.train.onnx.EncoderClassifierGraph;
import dev.tango.train.onnx.OnnxModel;

/**
 * What a tier puts in a Triton model repository: one ONNX graph that gives the tier's
 * logits, and what a {@code remote-oip} tier needs to read them. An
 * {@code onnx-classifier} tier's model is that graph already; an {@code encoder-linear}
 * tier's encoder (rebuilt from its delta where it ships as one) and head are joined into
 * one by {@link EncoderClassifierGraph}. Immutable.
 *
 * @param source where the graph comes from, for messages
 * @param defaultName the model's name when none is given: the folder of the tier's model
 * or head file
 * @param labels the labels in logit order
 * @param activation how the logits become probabilities
 * @param tokenizerUri the tokenizer the remote tier encodes inputs with
 * @param maxTokens the token limit the remote tier truncates inputs to, or null for the
 * tokenizer's own
 * @param batchSize the batch size when neither the tier nor the command gives one: the
 * tier kind's own default
 * @param writer writes the graph and its external data into a version folder
 */
record ServedTier(String source, String defaultName, List<String> labels, Activation activation, String tokenizerUri,
		@Nullable Integer maxTokens, int batchSize, ModelWriter writer) {

	/** The file name Triton's ONNX Runtime backend loads from a version folder. */
	static final String MODEL_FILE = "model.onnx";

	/**
	 * Reads what Triton serves for a tier.
	 * @param spec the tier, of kind {@code onnx-classifier} or {@code encoder-linear}
	 * @param source resolves its artifacts
	 * @return the served tier
	 * @throws IllegalArgumentException if the tier is of another kind
	 * @throws IOException if an artifact cannot be read, or the encoder's graph cannot be
	 * joined to its head
	 */
	static ServedTier of(TierSpec spec, ArtifactSource source) throws IOException {
		if (spec.kind().equals(OnnxClassifierKind.NAME)) {
			return onnxClassifier(spec, source);
		}
		if (spec.kind().equals(HeadKind.ENCODER_LINEAR.id())) {
			return encoderLinear(spec, source);
		}
		throw new IllegalArgumentException("a tier of kind " + spec.kind() + " is not one ONNX graph; Triton serves "
				+ OnnxClassifierKind.NAME + " and " + HeadKind.ENCODER_LINEAR.id() + " tiers");
	}

	private static ServedTier onnxClassifier(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact model = spec.requireArtifact("model");
		OnnxModelFile onnx = model.onnxModel(source.file(model.uri(), model.sha256()));
		ClassifierConfig config = OnnxClassifierKind.config(spec, source);
		String maxTokens = spec.options().get(OnnxClassifierKind.MAX_TOKENS);
		return new ServedTier(model.uri(), model.folderName(), config.labels(), config.activation(),
				spec.requireArtifact("tokenizer").uri(), (maxTokens != null) ? Integer.valueOf(maxTokens) : null,
				OnnxClassifierTier.DEFAULT_BATCH_SIZE, (version) -> {
					Files.createDirectories(version);
					Files.copy(onnx.file(), version.resolve(MODEL_FILE), StandardCopyOption.COPY_ATTRIBUTES);
					return copyExternalData(onnx, version);
				});
	}

	private static ServedTier encoderLinear(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact headArtifact = spec.requireArtifact("head");
		HeadFile head = HeadArtifacts.read(source, headArtifact.uri(), HeadKind.ENCODER_LINEAR);
		EncoderIdentity identity = head.requireEncoder();
		EncoderArtifacts encoder = EncoderArtifacts.of(spec, headArtifact, head, source);
		OnnxModelFile onnx = encoder.model().onnxModel(source.file(encoder.model().uri(), identity.onnxSha256()));
		OnnxModel joined = EncoderClassifierGraph.join(OnnxModel.read(onnx.file()), identity.pooling(),
				identity.normalize(), head.head());
		return new ServedTier(identity.id() + " with the head " + headArtifact.uri(), headArtifact.folderName(),
				head.head().labels(), Activation.SOFTMAX, encoder.tokenizer().uri(), identity.maxTokens(),
				EncoderLinearTier.DEFAULT_BATCH_SIZE, (version) -> {
					OnnxModelFile written = copyExternalData(onnx, version);
					joined.write(written.file());
					return written;
				});
	}

	/**
	 * Copies a model's external-data files, which lie relative to it, into a version
	 * folder, and returns the model file there with the same declared files.
	 */
	private static OnnxModelFile copyExternalData(OnnxModelFile onnx, Path version) throws IOException {
		Files.createDirectories(version);
		Path from = onnx.file().toAbsolutePath().getParent();
		for (String data : onnx.externalData().keySet()) {
			Path target = version.resolve(data).normalize();
			Files.createDirectories(target.getParent());
			Files.copy(from.resolve(data), target, StandardCopyOption.COPY_ATTRIBUTES);
		}
		return new OnnxModelFile(version.resolve(MODEL_FILE), onnx.externalData());
	}

	/** Writes a served graph into a version folder. */
	@FunctionalInterface
	interface ModelWriter {

		/**
		 * Writes {@value ServedTier#MODEL_FILE} and its external data.
		 * @param version the version folder, created if missing
		 * @return the written model with its declared external data
		 * @throws IOException if a file cannot be written
		 */
		OnnxModelFile write(Path version) throws IOException;

	}

}
