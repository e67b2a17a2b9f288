package dev.tango.train.transformer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.train.onnx.OnnxModel;

/**
 * The float32 encoders on the classpath that Tango fine-tunes and distils from: their
 * ONNX graph and tokenizer, and how their sentence embeddings are pooled. Every dimension
 * of the encoder is read from its graph ({@link OnnxEncoderWeights#of}).
 */
public enum TrainableEncoder {

	/** BAAI/bge-small-en-v1.5, the bundled tier-2 encoder: 12 layers, CLS pooling. */
	BGE_SMALL_EN_V15(BundledEncoder.BGE_SMALL_EN_V15, 12),

	/**
	 * sentence-transformers/all-MiniLM-L6-v2 in float32 (the bundled tier 1 is its int8
	 * quantisation): 6 layers, mean pooling, L2-normalised, 256 tokens.
	 */
	ALL_MINILM_L6_V2(BundledEncoder.ALL_MINILM_L6_V2, 6);

	private final BundledEncoder bundled;

	private final EncoderIdentity identity;

	private final int layers;

	TrainableEncoder(BundledEncoder bundled, int layers) {
		this.bundled = bundled;
		this.identity = bundled.identity();
		this.layers = layers;
	}

	/**
	 * Returns how many layers the encoder's graph has, so that a request for more can be
	 * refused before the graph is read ({@code OnnxEncoderWeightsIT} checks it against
	 * the graphs).
	 * @return the layer count
	 */
	public int layers() {
		return this.layers;
	}

	/**
	 * Returns the bundled encoder this is, whose ONNX file is the base of the initializer
	 * deltas of the tiers trained from it.
	 * @return the bundled encoder
	 */
	public BundledEncoder bundled() {
		return this.bundled;
	}

	/**
	 * Returns the encoder with an id.
	 * @param id the id, such as {@code all-minilm-l6-v2}
	 * @return the encoder
	 * @throws IllegalArgumentException if no trainable encoder has that id; the message
	 * lists those that do
	 */
	public static TrainableEncoder byId(String id) {
		return Arrays.stream(values())
			.filter((candidate) -> candidate.identity.id().equals(id))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException(
					"Unknown encoder '" + id + "': use one of " + String.join(", ", ids())));
	}

	/**
	 * Returns the ids of the trainable encoders.
	 * @return the ids, in declaration order
	 */
	public static List<String> ids() {
		return Arrays.stream(values()).map((encoder) -> encoder.identity.id()).toList();
	}

	/**
	 * Returns what the encoder's sentence embeddings are.
	 * @return the identity
	 */
	public EncoderIdentity identity() {
		return this.identity;
	}

	/**
	 * Returns how the encoder pools its states into sentence embeddings.
	 * @return the pooling
	 */
	public SentencePooling pooling() {
		return SentencePooling.of(this.identity);
	}

	/**
	 * Returns the ONNX model file, checked against its sha256.
	 * @param source resolves {@code classpath:} URIs
	 * @return the file
	 * @throws IOException if it cannot be resolved or does not match
	 */
	public Path modelFile(ArtifactSource source) throws IOException {
		return source.file(this.bundled.modelUri(), this.identity.onnxSha256());
	}

	/**
	 * Returns the ONNX file of the int8 quantisation published beside this encoder
	 * ({@link BundledEncoder#publishedInt8()}), checked against its sha256: the base of
	 * the int8 deltas of the tiers trained from it.
	 * @param source resolves {@code classpath:} URIs
	 * @return the file
	 * @throws IOException if it cannot be resolved or does not match
	 */
	public Path publishedInt8File(ArtifactSource source) throws IOException {
		BundledEncoder int8 = this.bundled.publishedInt8()
			.orElseThrow(() -> new IllegalStateException(this.bundled.id() + " has no published int8 model"));
		return source.file(int8.modelUri(), int8.identity().onnxSha256());
	}

	/**
	 * Returns the {@code tokenizer.json} file, checked against its sha256.
	 * @param source resolves {@code classpath:} URIs
	 * @return the file
	 * @throws IOException if it cannot be resolved or does not match
	 */
	public Path tokenizerFile(ArtifactSource source) throws IOException {
		return source.file(this.bundled.tokenizerUri(), this.bundled.tokenizerSha256());
	}

	/**
	 * Maps the encoder's graph.
	 * @param model its ONNX model, read from {@link #modelFile}
	 * @return the mapping
	 * @throws IOException if the graph is not the BERT encoder it should be
	 */
	public OnnxEncoderWeights weights(OnnxModel model) throws IOException {
		return OnnxEncoderWeights.of(model);
	}

}
