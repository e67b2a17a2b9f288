package dev.tango.train.transformer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.GraphConstants;
import dev.tango.train.onnx.Initializer;
import dev.tango.train.onnx.OnnxModel;
import dev.tango.train.onnx.ParameterNames.OnnxParameter;
import dev.tango.train.onnx.ParameterNames;

/**
 * Where each {@link BertEncoder} parameter sits in a BERT encoder's ONNX graph, checked
 * both ways: the state-dictionary names of the graph's initializers come from
 * {@link ParameterNames} (dense weights are the anonymous, transposed second inputs of
 * their layers' {@code MatMul}s), and every parameter of the encoder must find an
 * initializer of the shape it needs, and every float initializer of the graph a
 * parameter. A graph with fused or quantised operators is refused, naming what is
 * missing.
 *
 * <p>
 * The mapping goes both ways: {@link #load} gives an encoder the graph's values,
 * {@link #export} gives the initializers their trained values back, in the graph's
 * layout, for writing into the same graph. Immutable and thread-safe.
 */
public final class OnnxEncoderWeights {

	private static final Pattern LAYER = Pattern.compile("^encoder\\.layer\\.(\\d+)\\.");

	private static final String WORDS = "embeddings.word_embeddings.weight";

	private static final String POSITIONS = "embeddings.position_embeddings.weight";

	private static final String TOKEN_TYPES = "embeddings.token_type_embeddings.weight";

	private static final String INTERMEDIATE_BIAS = "encoder.layer.0.intermediate.dense.bias";

	private final EncoderConfig config;

	private final Map<String, WeightBinding> bindings;

	private OnnxEncoderWeights(EncoderConfig config, Map<String, WeightBinding> bindings) {
		this.config = config;
		this.bindings = bindings;
	}

	/**
	 * Maps a BERT encoder graph. The dimensions come from the initializers' shapes; the
	 * heads and the layer-norm epsilon, which the graph holds only as constants of its
	 * operators, are read from those ({@link OperatorConstants}).
	 * @param model the encoder's ONNX model
	 * @return the mapping
	 * @throws OnnxFormatException if the graph is not a BERT encoder this block can
	 * compute: a parameter without an initializer, a shape that does not fit, an
	 * initializer no parameter accounts for, or no readable heads or epsilon
	 */
	public static OnnxEncoderWeights of(OnnxModel model) throws OnnxFormatException {
		Map<String, Initializer> floats = new LinkedHashMap<>();
		for (Initializer initializer : model.initializers()) {
			if (initializer.isFloat()) {
				floats.put(initializer.name(), initializer);
			}
		}
		Map<String, OnnxParameter> sources = ParameterNames.of(model);
		EncoderConfig config = configOf(model, floats, sources);
		Map<String, WeightBinding> bindings = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, Shape> parameter : new BertEncoder(config, 0f).parameterShapes().entrySet()) {
			OnnxParameter source = sources.get(parameter.getKey());
			if (source == null) {
				missing.add(parameter.getKey());
			}
			else {
				bindings.put(parameter.getKey(), bind(parameter.getKey(), parameter.getValue().getShape(), source,
						floats.get(source.initializer())));
			}
		}
		if (!missing.isEmpty()) {
			throw new OnnxFormatException("The graph has no initializer for the encoder parameters " + missing);
		}
		TreeSet<String> unbound = new TreeSet<>(floats.keySet());
		bindings.values().forEach((binding) -> unbound.remove(binding.initializer()));
		if (!unbound.isEmpty()) {
			throw new OnnxFormatException("The graph has float initializers that no encoder parameter accounts for "
					+ unbound + ": not a plain BERT encoder graph");
		}
		return new OnnxEncoderWeights(config, Map.copyOf(bindings));
	}

	/**
	 * Returns the encoder's dimensions as the graph has them.
	 * @return the configuration, all layers included
	 */
	public EncoderConfig config() {
		return this.config;
	}

	/**
	 * Returns where a parameter sits in the graph.
	 * @param parameterName the parameter's state-dictionary name (see
	 * {@link BertEncoder#namedParameters()})
	 * @return the binding, or empty if the encoder has no such parameter
	 */
	public Optional<WeightBinding> binding(String parameterName) {
		return Optional.ofNullable(this.bindings.get(parameterName));
	}

	/**
	 * Opens an encoder with the graph's weights: the first {@code layers} layers of it.
	 * @param model the graph this mapping was made from
	 * @param manager the manager that will own the parameters (a model's)
	 * @param layers how many layers to keep, from 1 to {@link EncoderConfig#layers()}
	 * @param dropout the dropout probability in training (see
	 * {@link BertEncoder#BertEncoder})
	 * @param freezeWordEmbeddings whether the word embeddings get no gradient
	 * @return the encoder, initialised; its arrays belong to {@code manager}
	 * @throws OnnxFormatException if an initializer cannot be read
	 */
	public BertEncoder load(OnnxModel model, NDManager manager, int layers, float dropout, boolean freezeWordEmbeddings)
			throws OnnxFormatException {
		BertEncoder encoder = new BertEncoder(this.config.withLayers(layers), dropout);
		encoder.freezeWordEmbeddings(freezeWordEmbeddings);
		for (Map.Entry<String, Parameter> entry : encoder.namedParameters().entrySet()) {
			WeightBinding binding = this.bindings.get(entry.getKey());
			float[] values = binding.toParameter(model.floatInitializer(binding.initializer()).values());
			FixedShapeBlock.assign(entry.getValue(), manager, values, new Shape(binding.parameterShape()));
		}
		encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1));
		return encoder;
	}

	/**
	 * Returns an encoder's current weights as the graph's initializers hold them: one
	 * tensor per parameter, named and laid out as the initializer it came from. An
	 * encoder with fewer layers gives the initializers of its layers only.
	 * @param encoder an encoder of this graph's dimensions, initialised
	 * @return the tensors by initializer name, in the encoder's parameter order
	 * @throws IllegalArgumentException if the encoder does not have this graph's
	 * dimensions
	 */
	public Map<String, FloatTensor> export(BertEncoder encoder) {
		if (!encoder.config().equals(this.config.withLayers(encoder.config().layers()))) {
			throw new IllegalArgumentException(
					"Encoder " + encoder.config() + " does not have the graph's dimensions " + this.config);
		}
		Map<String, FloatTensor> tensors = new LinkedHashMap<>();
		encoder.namedParameters().forEach((name, parameter) -> {
			WeightBinding binding = this.bindings.get(name);
			tensors.put(binding.initializer(), binding.toOnnx(parameter.getArray().toFloatArray()));
		});
		return tensors;
	}

	private static EncoderConfig configOf(OnnxModel model, Map<String, Initializer> floats,
			Map<String, OnnxParameter> sources) throws OnnxFormatException {
		long[] words = dims(floats, WORDS);
		GraphConstants constants = GraphConstants.of(model);
		int heads = OperatorConstants.heads(model, constants, (int) words[1]);
		float layerNormEpsilon = OperatorConstants.layerNormEpsilon(model, constants);
		int layers = 0;
		for (String name : sources.keySet()) {
			Matcher matcher = LAYER.matcher(name);
			if (matcher.find()) {
				layers = Math.max(layers, Integer.parseInt(matcher.group(1)) + 1);
			}
		}
		try {
			return new EncoderConfig((int) words[1], heads, layers, (int) dims(floats, INTERMEDIATE_BIAS)[0],
					(int) words[0], (int) dims(floats, POSITIONS)[0], (int) dims(floats, TOKEN_TYPES)[0],
					layerNormEpsilon);
		}
		catch (IllegalArgumentException ex) {
			throw new OnnxFormatException("The graph is not a BERT encoder: " + ex.getMessage());
		}
	}

	private static long[] dims(Map<String, Initializer> floats, String name) throws OnnxFormatException {
		Initializer initializer = floats.get(name);
		if (initializer == null || initializer.dims().length < 1) {
			throw new OnnxFormatException("The graph has no float initializer " + name + ": not a BERT encoder");
		}
		return initializer.dims();
	}

	private static WeightBinding bind(String name, long[] parameterShape, OnnxParameter source, Initializer initializer)
			throws OnnxFormatException {
		long[] expected = parameterShape;
		if (source.transposed()) {
			if (parameterShape.length != 2) {
				throw new OnnxFormatException("Parameter " + name
						+ " is not a matrix but the graph multiplies by it as " + initializer.name());
			}
			expected = new long[] { parameterShape[1], parameterShape[0] };
		}
		if (!Arrays.equals(initializer.dims(), expected)) {
			throw new OnnxFormatException("Initializer " + initializer.name() + " of parameter " + name + " has shape "
					+ Arrays.toString(initializer.dims()) + ", expected " + Arrays.toString(expected));
		}
		return new WeightBinding(name, parameterShape, source);
	}

}
