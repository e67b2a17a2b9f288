package dev.tango.train.transformer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.jspecify.annotations.Nullable;

/**
 * A BERT encoder as the bundled ONNX sentence encoders compute it: embeddings, then
 * {@link EncoderConfig#layers()} transformer layers attending to the tokens the attention
 * mask keeps. Its output is the ONNX graphs' {@code last_hidden_state}.
 *
 * <p>
 * Forward: {@code [inputIds int64 (B,T), attentionMask int64 (B,T), tokenTypeIds int64
 * (B,T)]} → {@code [float32 (B,T,H)]}; rows are right-padded (mask 1 then 0). Parameters
 * are named as in the BERT state dictionary ({@link #namedParameters()}); open one with
 * weights through {@link OnnxEncoderWeights}. Like every DJL block, not thread-safe for
 * concurrent training; inference from several threads needs one parameter store each.
 */
public final class BertEncoder extends AbstractBlock {

	/** What padding adds to attention scores: the ONNX graphs' value. */
	static final float MASKED_SCORE = -Float.MAX_VALUE;

	private final EncoderConfig config;

	private final BertEmbeddings embeddings;

	private final List<BertLayer> layers;

	/**
	 * Creates an encoder with uninitialised parameters.
	 * @param config the dimensions, layers included
	 * @param dropout the dropout probability of embeddings, attention probabilities and
	 * projections in training, from 0 (none) to below 1; BERT uses 0.1
	 */
	public BertEncoder(EncoderConfig config, float dropout) {
		if (!(dropout >= 0 && dropout < 1)) {
			throw new IllegalArgumentException("Dropout must be in [0, 1), got " + dropout);
		}
		this.config = config;
		this.embeddings = addChildBlock("embeddings", new BertEmbeddings(config, dropout));
		List<BertLayer> built = new ArrayList<>();
		for (int i = 0; i < config.layers(); i++) {
			built.add(addChildBlock("layer" + i, new BertLayer(config, dropout)));
		}
		this.layers = Collections.unmodifiableList(built);
	}

	/**
	 * Returns the dimensions.
	 * @return the configuration
	 */
	public EncoderConfig config() {
		return this.config;
	}

	/**
	 * Returns every parameter under its BERT state-dictionary name
	 * ({@code embeddings.word_embeddings.weight},
	 * {@code encoder.layer.0.attention.self.query.weight}, …), in PyTorch's layout: dense
	 * weights {@code [out, in]}.
	 * @return the parameters in a fixed order: embeddings, then layer by layer
	 */
	public Map<String, Parameter> namedParameters() {
		return byStateName(FixedShapeBlock::collectParameters);
	}

	/**
	 * Returns the shape of every parameter under its state-dictionary name, known before
	 * the block is initialised.
	 * @return the shapes, in the order of {@link #namedParameters()}
	 */
	public Map<String, Shape> parameterShapes() {
		return byStateName(FixedShapeBlock::collectShapes);
	}

	/**
	 * Collects a value of every parameter under its state-dictionary name: the
	 * embeddings' under {@code embeddings.}, then each layer's under
	 * {@code encoder.layer.<i>.}.
	 */
	private <T> Map<String, T> byStateName(Collector<T> collector) {
		Map<String, T> named = new LinkedHashMap<>();
		collector.collect(this.embeddings, "embeddings.", named);
		for (int i = 0; i < this.layers.size(); i++) {
			collector.collect(this.layers.get(i), "encoder.layer." + i + ".", named);
		}
		return named;
	}

	/** Adds a value of each of a block's parameters, named with a prefix. */
	@FunctionalInterface
	private interface Collector<T> {

		void collect(FixedShapeBlock block, String prefix, Map<String, T> into);

	}

	/**
	 * Freezes or unfreezes the word embeddings, which hold most of the parameters: a
	 * frozen table gets no gradient and an optimiser leaves it as it is. Call before
	 * initialising the block (or before training starts).
	 * @param frozen whether to freeze
	 */
	public void freezeWordEmbeddings(boolean frozen) {
		this.embeddings.words().freeze(frozen);
	}

	/**
	 * Returns the word embedding table, {@code [vocabulary, H]}.
	 * @return the parameter
	 */
	public Parameter wordEmbeddings() {
		return this.embeddings.words();
	}

	BertEmbeddings embeddings() {
		return this.embeddings;
	}

	List<BertLayer> layers() {
		return this.layers;
	}

	/**
	 * Turns an attention mask into what is added to attention scores: 0 where the mask is
	 * 1, {@link #MASKED_SCORE} where it is 0.
	 * @param attentionMask int64 {@code (B,T)}
	 * @return float32 {@code (B,1,1,T)}
	 */
	static NDArray maskBias(NDArray attentionMask) {
		Shape shape = attentionMask.getShape();
		return attentionMask.toType(DataType.FLOAT32, false)
			.neg()
			.add(1f)
			.mul(MASKED_SCORE)
			.reshape(shape.get(0), 1, 1, shape.get(1));
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			@Nullable PairList<String, Object> params) {
		if (inputs.size() != 3) {
			throw new IllegalArgumentException(
					"An encoder takes [inputIds, attentionMask, tokenTypeIds], got " + inputs.size() + " arrays");
		}
		NDArray inputIds = inputs.get(0);
		NDArray attentionMask = inputs.get(1);
		NDArray tokenTypeIds = inputs.get(2);
		NDArray hidden = this.embeddings.forward(store, new NDList(inputIds, tokenTypeIds), training)
			.singletonOrThrow();
		NDArray maskBias = maskBias(attentionMask);
		for (BertLayer layer : this.layers) {
			hidden = layer.forward(store, new NDList(hidden, maskBias), training).singletonOrThrow();
		}
		return new NDList(hidden);
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape tokens = inputShapes[0];
		this.embeddings.initialize(manager, dataType, tokens, tokens);
		Shape hidden = tokens.add(this.config.hidden());
		Shape mask = new Shape(tokens.get(0), 1, 1, tokens.get(1));
		for (BertLayer layer : this.layers) {
			layer.initialize(manager, dataType, hidden, mask);
		}
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { inputShapes[0].add(this.config.hidden()) };
	}

}
