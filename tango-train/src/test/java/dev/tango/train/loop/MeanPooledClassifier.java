package dev.tango.train.loop;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * A small classifier that follows the trainer's block contract: token embeddings (token
 * ids hashed into a smaller table, to keep steps fast on two cores), their mean under the
 * attention mask, dropout, a linear layer to the logits. Its parameters have both shapes
 * AdamW treats differently (2-D weights, 1-D bias).
 */
final class MeanPooledClassifier extends AbstractBlock {

	private final Parameter embedding;

	private final Dropout dropout;

	private final Linear head;

	private final int rows;

	private final int dimension;

	private final int classes;

	MeanPooledClassifier(int rows, int dimension, int classes) {
		this.rows = rows;
		this.dimension = dimension;
		this.classes = classes;
		this.embedding = addParameter(Parameter.builder()
			.setName("embedding")
			.setType(Parameter.Type.WEIGHT)
			.optShape(new Shape(rows, dimension))
			.optInitializer(new NormalInitializer(0.1f))
			.build());
		this.dropout = addChildBlock("dropout", Dropout.builder().optRate(0.1f).build());
		this.head = addChildBlock("head", Linear.builder().setUnits(classes).build());
	}

	/**
	 * Returns a model holding a new block initialised from the engine seeded with a seed.
	 */
	static Model initialised(long seed, int rows, int dimension, int classes) {
		Model model = Model.newInstance("mean-pooled", "PyTorch");
		MeanPooledClassifier block = new MeanPooledClassifier(rows, dimension, classes);
		model.setBlock(block);
		model.getNDManager().getEngine().setRandomSeed((int) seed);
		block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 8), new Shape(1, 8), new Shape(1, 8));
		return model;
	}

	@Override
	protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
			PairList<String, Object> params) {
		NDArray ids = inputs.get(0).mod(this.rows);
		NDArray mask = inputs.get(1).toType(DataType.FLOAT32, false).expandDims(2);
		NDArray table = store.getValue(this.embedding, ids.getDevice(), training);
		NDArray vectors = ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
		NDArray pooled = vectors.mul(mask).sum(new int[] { 1 }).div(mask.sum(new int[] { 1 }).maximum(1f));
		NDList dropped = this.dropout.forward(store, new NDList(pooled), training);
		return this.head.forward(store, dropped, training);
	}

	@Override
	public Shape[] getOutputShapes(Shape[] inputShapes) {
		return new Shape[] { new Shape(inputShapes[0].get(0), this.classes) };
	}

	@Override
	protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
		Shape pooled = new Shape(inputShapes[0].get(0), this.dimension);
		this.dropout.initialize(manager, dataType, pooled);
		this.head.initialize(manager, dataType, pooled);
	}

}
