package dev.tango.train.transformer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.jspecify.annotations.Nullable;

/**
 * BERT's input embeddings: word, position (learned, {@code 0..T-1} for every row, right
 * padding assumed) and token type embeddings summed, then layer-normalised (and dropped
 * out in training).
 *
 * <p>
 * Forward: {@code [inputIds int64 (B,T), tokenTypeIds int64 (B,T)]} → {@code [float32
 * (B,T,H)]}. State-dictionary names under {@code embeddings.}.
 */
final class BertEmbeddings extends FixedShapeBlock {

	private final EncoderConfig config;

	private final float dropout;

	private final Parameter words;

	private final Parameter positions;

	private final Parameter tokenTypes;

	private final Norm norm;

	BertEmbeddings(EncoderConfig config, float dropout) {
		this.config = config;
		this.dropout = dropout;
		this.words = parameter("word_embeddings.weight", Parameter.Type.WEIGHT,
				new Shape(config.vocabulary(), config.hidden()));
		this.positions = parameter("position_embeddings.weight", Parameter.Type.WEIGHT,
				new Shape(config.maxPositions(), config.hidden()));
		this.tokenTypes = parameter("token_type_embeddings.weight", Parameter.Type.WEIGHT,
				new Shape(config.typeVocabulary(), config.hidden()));
		this.norm = norm("LayerNorm", config.hidden(), config.layerNormEpsilon());
	}

	/**
	 * Returns the word embedding table, {@code [vocabulary, H]}.
	 * @return the parameter
	 */
	Parameter words() {
		return this.words;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			@Nullable PairList<String, Object> params) {
		NDArray inputIds = inputs.get(0);
		NDArray tokenTypeIds = inputs.get(1);
		long tokens = inputIds.getShape().get(1);
		if (tokens > this.config.maxPositions()) {
			throw new IllegalArgumentException(
					"Inputs of " + tokens + " tokens exceed the " + this.config.maxPositions() + " positions");
		}
		NDArray positionIds = inputIds.getManager().arange(0, tokens, 1, DataType.INT64).expandDims(0);
		NDArray sum = lookUp(store, this.words, inputIds, training)
			.add(lookUp(store, this.tokenTypes, tokenTypeIds, training))
			.add(lookUp(store, this.positions, positionIds, training));
		NDArray normalised = this.norm.apply(store, sum, training);
		return new NDList(Dropout.dropout(normalised, this.dropout, training).singletonOrThrow());
	}

	private static NDArray lookUp(ParameterStore store, Parameter table, NDArray ids, boolean training) {
		return Embedding.embedding(ids, store.getValue(table, ids.getDevice(), training), SparseFormat.DENSE)
			.singletonOrThrow();
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { inputShapes[0].add(this.config.hidden()) };
	}

}
