package dev.tango.runtime.head;

import java.util.Objects;

import dev.tango.runtime.artifact.Sha256;

/**
 * What makes a sentence encoder's embeddings what they are: a head fitted on one
 * encoder's embeddings is meaningless on another's, so heads record this and tiers
 * compare it.
 *
 * @param id the encoder's catalogue id, such as {@code all-minilm-l6-v2-q}
 * @param onnxSha256 the SHA-256 of the ONNX model file
 * @param pooling how token states become one vector
 * @param normalize whether the pooled vector is scaled to unit L2 norm
 * @param maxTokens the most tokens read per input, special tokens included, at least 4
 * @param dimension the embedding dimension
 */
public record EncoderIdentity(String id, String onnxSha256, Pooling pooling, boolean normalize, int maxTokens,
		int dimension) {

	public EncoderIdentity {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(onnxSha256, "onnxSha256");
		Objects.requireNonNull(pooling, "pooling");
		if (id.isBlank()) {
			throw new IllegalArgumentException("Encoder id must not be blank");
		}
		Sha256.requireValid(onnxSha256);
		if (maxTokens < 4) {
			throw new IllegalArgumentException("maxTokens must be at least 4, was " + maxTokens);
		}
		if (dimension < 1) {
			throw new IllegalArgumentException("dimension must be positive, was " + dimension);
		}
	}

	/**
	 * Returns a one-line description for messages.
	 * @return the description
	 */
	public String describe() {
		return this.id + " (onnx sha256 " + this.onnxSha256.substring(0, 12) + "…, " + this.pooling.id()
				+ (this.normalize ? "+l2" : "") + ", " + this.maxTokens + " tokens, " + this.dimension + " dims)";
	}

}
