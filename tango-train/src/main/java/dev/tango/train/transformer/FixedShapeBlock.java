package dev.tango.train.transformer;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;

/**
 * A block whose parameters have shapes fixed at construction and names as in the BERT
 * state dictionary ({@code attention.self.query.weight}), in PyTorch's layout: a dense
 * weight is {@code [out, in]}. A parameter can be given its values before the block is
 * initialised ({@link Parameter#setArray}); initialisation fills the others, weights from
 * a normal distribution of standard deviation {@value #WEIGHT_STD} as BERT does, biases
 * and layer-norm shifts with zeros, layer-norm scales with ones.
 */
abstract class FixedShapeBlock extends AbstractBlock {

	/**
	 * The standard deviation of freshly initialised weights (BERT's initializer range).
	 */
	static final float WEIGHT_STD = 0.02f;

	private final Map<Parameter, Shape> shapes = new LinkedHashMap<>();

	/**
	 * Declares a parameter.
	 * @param name its state-dictionary name relative to this block
	 * @param type its type, which chooses its initializer
	 * @param shape its shape
	 * @return the parameter
	 */
	protected final Parameter parameter(String name, Parameter.Type type, Shape shape) {
		Parameter.Builder builder = Parameter.builder().setName(name).setType(type);
		if (type == Parameter.Type.WEIGHT) {
			builder.optInitializer(new NormalInitializer(WEIGHT_STD));
		}
		Parameter parameter = addParameter(builder.build());
		this.shapes.put(parameter, shape);
		return parameter;
	}

	/**
	 * Gives a parameter its values, before the block is initialised, in memory the engine
	 * allocates. An array made from Java values is a view of a Java buffer, whose address
	 * is only 16-byte aligned and varies with the process's allocation history; vector
	 * kernels (such as those of matrix products) may sum in another order at another
	 * alignment, so a run would not be repeatable to the bit, and a run resumed in
	 * another process would drift from the one never stopped. The engine's own arrays are
	 * aligned for its widest vectors whatever the process did before.
	 * @param parameter the parameter
	 * @param manager the manager that will own its array
	 * @param values its values, row-major
	 * @param shape its shape
	 */
	static void assign(Parameter parameter, NDManager manager, float[] values, Shape shape) {
		try (NDArray view = manager.create(values, shape)) {
			NDArray owned = view.duplicate();
			parameter.setArray(owned);
		}
	}

	/**
	 * Declares a dense layer's weight ({@code [outputs, inputs]}) and bias.
	 * @param name its state-dictionary name, such as {@code attention.self.query}
	 * @param inputs the input width
	 * @param outputs the output width
	 * @return the layer
	 */
	protected final Dense dense(String name, int inputs, int outputs) {
		return new Dense(parameter(name + ".weight", Parameter.Type.WEIGHT, new Shape(outputs, inputs)),
				parameter(name + ".bias", Parameter.Type.BIAS, new Shape(outputs)));
	}

	/**
	 * Declares a layer normalisation over the last axis.
	 * @param name its state-dictionary name, such as {@code attention.output.LayerNorm}
	 * @param width the normalised width
	 * @param epsilon its epsilon
	 * @return the normalisation
	 */
	protected final Norm norm(String name, int width, float epsilon) {
		return new Norm(parameter(name + ".weight", Parameter.Type.GAMMA, new Shape(width)),
				parameter(name + ".bias", Parameter.Type.BETA, new Shape(width)), width, epsilon);
	}

	/**
	 * Adds this block's parameters, and those of the blocks it holds, by their full
	 * state-dictionary names.
	 * @param prefix the prefix of this block's names, such as {@code encoder.layer.3.}
	 * @param into where to add them
	 */
	void collectParameters(String prefix, Map<String, Parameter> into) {
		for (Parameter parameter : this.shapes.keySet()) {
			into.put(prefix + parameter.getName(), parameter);
		}
	}

	/**
	 * Adds the shapes of this block's parameters, and those of the blocks it holds, by
	 * their full state-dictionary names.
	 * @param prefix the prefix of this block's names
	 * @param into where to add them
	 */
	void collectShapes(String prefix, Map<String, Shape> into) {
		this.shapes.forEach((parameter, shape) -> into.put(prefix + parameter.getName(), shape));
	}

	@Override
	protected void prepare(Shape[] inputShapes) {
		this.shapes.forEach((parameter, shape) -> {
			if (!parameter.isInitialized()) {
				parameter.setShape(shape);
			}
		});
	}

	/**
	 * A dense layer {@code x·Wᵀ + b}.
	 *
	 * @param weight {@code [out, in]}
	 * @param bias {@code [out]}
	 */
	record Dense(Parameter weight, Parameter bias) {

		NDArray apply(ParameterStore store, NDArray x, boolean training) {
			return Linear
				.linear(x, store.getValue(this.weight, x.getDevice(), training),
						store.getValue(this.bias, x.getDevice(), training))
				.singletonOrThrow();
		}

	}

	/**
	 * A layer normalisation over the last axis.
	 *
	 * @param scale {@code [width]}
	 * @param shift {@code [width]}
	 * @param width the normalised width
	 * @param epsilon the epsilon added to the variance
	 */
	record Norm(Parameter scale, Parameter shift, int width, float epsilon) {

		NDArray apply(ParameterStore store, NDArray x, boolean training) {
			return LayerNorm
				.layerNorm(x, new Shape(this.width), store.getValue(this.scale, x.getDevice(), training),
						store.getValue(this.shift, x.getDevice(), training), this.epsilon)
				.singletonOrThrow();
		}

	}

}
