package dev.tango.train.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.jspecify.annotations.Nullable;

/**
 * One BERT transformer layer (post-norm): multi-head self-attention over the unmasked
 * tokens, output projection, residual and layer normalisation; then a feed-forward
 * network with exact (erf) GELU, residual and layer normalisation. Dropout after the
 * attention probabilities and after both projections, in training only.
 *
 * <p>
 * Forward: {@code [hidden float32 (B,T,H), maskBias float32 (B,1,1,T)]} → {@code [float32
 * (B,T,H)]}, where {@code maskBias} is 0 for tokens to attend to and a large negative
 * value for padding (see {@link BertEncoder}). State-dictionary names under
 * {@code encoder.layer.<i>.}.
 */
final class BertLayer extends FixedShapeBlock {

	private final EncoderConfig config;

	private final float dropout;

	private final float scoreScale;

	private final Dense query;

	private final Dense key;

	private final Dense value;

	private final Dense attentionOutput;

	private final Norm attentionNorm;

	private final Dense intermediate;

	private final Dense output;

	private final Norm outputNorm;

	BertLayer(EncoderConfig config, float dropout) {
		this.config = config;
		this.dropout = dropout;
		this.scoreScale = (float) Math.sqrt(config.headSize());
		int hidden = config.hidden();
		this.query = dense("attention.self.query", hidden, hidden);
		this.key = dense("attention.self.key", hidden, hidden);
		this.value = dense("attention.self.value", hidden, hidden);
		this.attentionOutput = dense("attention.output.dense", hidden, hidden);
		this.attentionNorm = norm("attention.output.LayerNorm", hidden, config.layerNormEpsilon());
		this.intermediate = dense("intermediate.dense", hidden, config.intermediate());
		this.output = dense("output.dense", config.intermediate(), hidden);
		this.outputNorm = norm("output.LayerNorm", hidden, config.layerNormEpsilon());
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			@Nullable PairList<String, Object> params) {
		NDArray hidden = inputs.get(0);
		NDArray maskBias = inputs.get(1);
		NDArray attended = selfAttention(store, hidden, maskBias, training);
		NDArray projected = Dropout
			.dropout(this.attentionOutput.apply(store, attended, training), this.dropout, training)
			.singletonOrThrow();
		NDArray afterAttention = this.attentionNorm.apply(store, projected.add(hidden), training);
		NDArray widened = Activation.gelu(this.intermediate.apply(store, afterAttention, training));
		NDArray narrowed = Dropout.dropout(this.output.apply(store, widened, training), this.dropout, training)
			.singletonOrThrow();
		return new NDList(this.outputNorm.apply(store, narrowed.add(afterAttention), training));
	}

	private NDArray selfAttention(ParameterStore store, NDArray hidden, NDArray maskBias, boolean training) {
		Shape shape = hidden.getShape();
		long batch = shape.get(0);
		long tokens = shape.get(1);
		// (B,T,H) -> (B,heads,T,headSize); keys as (B,heads,headSize,T)
		NDArray queries = splitHeads(this.query.apply(store, hidden, training), batch, tokens).transpose(0, 2, 1, 3);
		NDArray keys = splitHeads(this.key.apply(store, hidden, training), batch, tokens).transpose(0, 2, 3, 1);
		NDArray values = splitHeads(this.value.apply(store, hidden, training), batch, tokens).transpose(0, 2, 1, 3);
		NDArray scores = queries.matMul(keys).div(this.scoreScale).add(maskBias);
		NDArray probabilities = Dropout.dropout(scores.softmax(-1), this.dropout, training).singletonOrThrow();
		return probabilities.matMul(values).transpose(0, 2, 1, 3).reshape(batch, tokens, this.config.hidden());
	}

	private NDArray splitHeads(NDArray projected, long batch, long tokens) {
		return projected.reshape(batch, tokens, this.config.heads(), this.config.headSize());
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { inputShapes[0] };
	}

}
