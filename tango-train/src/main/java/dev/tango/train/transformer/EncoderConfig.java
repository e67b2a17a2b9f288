package dev.tango.train.transformer;

/**
 * The dimensions of a BERT-style encoder.
 *
 * @param hidden the hidden size {@code H}, a multiple of {@code heads}
 * @param heads the number of attention heads
 * @param layers the number of transformer layers, at least 1
 * @param intermediate the width of each layer's feed-forward network
 * @param vocabulary the number of word-piece ids
 * @param maxPositions the most tokens an input may have
 * @param typeVocabulary the number of token type ids (2 for single texts and pairs)
 * @param layerNormEpsilon the epsilon of every layer normalisation, positive
 */
public record EncoderConfig(int hidden, int heads, int layers, int intermediate, int vocabulary, int maxPositions,
		int typeVocabulary, float layerNormEpsilon) {

	/**
	 * Checks the dimensions.
	 * @param hidden the hidden size
	 * @param heads the heads
	 * @param layers the layers
	 * @param intermediate the feed-forward width
	 * @param vocabulary the vocabulary size
	 * @param maxPositions the most tokens
	 * @param typeVocabulary the token types
	 * @param layerNormEpsilon the epsilon
	 * @throws IllegalArgumentException if a dimension is not positive or {@code hidden}
	 * does not split into {@code heads}
	 */
	public EncoderConfig {
		if (hidden < 1 || heads < 1 || layers < 1 || intermediate < 1 || vocabulary < 1 || maxPositions < 1
				|| typeVocabulary < 1) {
			throw new IllegalArgumentException("Encoder dimensions must be positive: "
					+ describe(hidden, heads, layers, intermediate, vocabulary, maxPositions, typeVocabulary));
		}
		if (hidden % heads != 0) {
			throw new IllegalArgumentException("Hidden size " + hidden + " does not split into " + heads + " heads");
		}
		if (!(layerNormEpsilon > 0) || !Float.isFinite(layerNormEpsilon)) {
			throw new IllegalArgumentException("Layer-norm epsilon must be positive, got " + layerNormEpsilon);
		}
	}

	/**
	 * Returns the width of one attention head.
	 * @return {@code hidden / heads}
	 */
	public int headSize() {
		return this.hidden / this.heads;
	}

	/**
	 * Returns this configuration with only the first {@code keptLayers} layers: a shallow
	 * student of the same encoder.
	 * @param keptLayers how many layers to keep, from 1 to {@link #layers()}
	 * @return the configuration
	 * @throws IllegalArgumentException if {@code keptLayers} is out of range
	 */
	public EncoderConfig withLayers(int keptLayers) {
		if (keptLayers < 1 || keptLayers > this.layers) {
			throw new IllegalArgumentException(
					"Cannot keep " + keptLayers + " layers of an encoder with " + this.layers);
		}
		return new EncoderConfig(this.hidden, this.heads, keptLayers, this.intermediate, this.vocabulary,
				this.maxPositions, this.typeVocabulary, this.layerNormEpsilon);
	}

	private static String describe(int hidden, int heads, int layers, int intermediate, int vocabulary,
			int maxPositions, int typeVocabulary) {
		return "hidden " + hidden + ", heads " + heads + ", layers " + layers + ", intermediate " + intermediate
				+ ", vocabulary " + vocabulary + ", positions " + maxPositions + ", types " + typeVocabulary;
	}

}
