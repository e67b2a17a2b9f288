package dev.tango.train.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.Pooling;

/**
 * How hidden states become one sentence vector, as a sentence encoder's identity says:
 * the first token's state or the mean over the attention mask, optionally scaled to unit
 * L2 norm. Differentiable.
 *
 * @param pooling CLS or mean
 * @param normalize whether to scale to unit norm
 */
public record SentencePooling(Pooling pooling, boolean normalize) {

	/** The smallest norm divided by, as the runtime's encoder does. */
	private static final float MIN_NORM = 1e-12f;

	/**
	 * Returns the pooling a sentence encoder's embeddings are made with.
	 * @param identity the encoder
	 * @return its pooling
	 */
	public static SentencePooling of(EncoderIdentity identity) {
		return new SentencePooling(identity.pooling(), identity.normalize());
	}

	/**
	 * Pools hidden states.
	 * @param hidden float32 {@code (B,T,H)}
	 * @param attentionMask int64 {@code (B,T)}, 1 for real tokens
	 * @return float32 {@code (B,H)}
	 */
	public NDArray apply(NDArray hidden, NDArray attentionMask) {
		NDArray pooled = switch (this.pooling) {
			case CLS -> hidden.get(new NDIndex(":, 0, :"));
			case MEAN -> {
				NDArray mask = attentionMask.toType(DataType.FLOAT32, false).expandDims(2);
				NDArray counts = mask.sum(new int[] { 1 }).maximum(1f);
				yield hidden.mul(mask).sum(new int[] { 1 }).div(counts);
			}
		};
		if (!this.normalize) {
			return pooled;
		}
		return pooled.div(pooled.norm(new int[] { 1 }, true).maximum(MIN_NORM));
	}

}
