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
import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.GraphNode;
import dev.tango.train.onnx.Initializer;
import dev.tango.train.onnx.OnnxFormatException;
import dev.tango.train.onnx.OnnxModel;

/**
 * Where each {@link BertEncoder} parameter sits in a BERT encoder's ONNX graph, as the
 * HuggingFace exporter writes it: embeddings, biases and layer-norm parameters are
 * initializers named as in the state dictionary; a dense weight is the anonymous second
 * input of a {@code MatMul} ({@code onnx::MatMul_787}) stored {@code [in, out]}, found
 * through the {@code Add} that adds its bias
 * ({@code encoder.layer.0.attention.self.query.bias} gives {@code …query.weight}). No
 * fused operators are accepted: every float initializer of the graph must be bound to a
 * parameter, and every parameter to an initializer of the shape it needs.
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
	 * operators, are given.
	 * @param model the encoder's ONNX model
	 * @param heads the number of attention heads
	 * @param layerNormEpsilon the layer-norm epsilon
	 * @return the mapping
	 * @throws OnnxFormatException if the graph is not a BERT encoder this block can
	 * compute: a parameter without an initializer, a shape that does not fit, or an
	 * initializer no parameter accounts for
	 */
	public static OnnxEncoderWeights of(OnnxModel model, int heads, float layerNormEpsilon) throws OnnxFormatException {
		Map<String, Initializer> floats = new LinkedHashMap<>();
		for (Initializer initializer : model.initializers()) {
			if (initializer.isFloat()) {
				floats.put(initializer.name(), initializer);
			}
		}
		Map<String, String> sources = new LinkedHashMap<>();
		for (String name : floats.keySet()) {
			if (name.startsWith("embeddings.") || LAYER.matcher(name).find()) {
				sources.put(name, name);
			}
		}
		sources.putAll(denseWeights(model, floats));
		EncoderConfig config = configOf(floats, sources, heads, layerNormEpsilon);
		Map<String, WeightBinding> bindings = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (Map.Entry<String, Shape> parameter : new BertEncoder(config, 0f).parameterShapes().entrySet()) {
			String source = sources.get(parameter.getKey());
			if (source == null) {
				missing.add(parameter.getKey());
			}
			else {
				bindings.put(parameter.getKey(),
						bind(parameter.getKey(), parameter.getValue().getShape(), floats.get(source)));
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
			entry.getValue().setArray(manager.create(values, new Shape(binding.parameterShape())));
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
			tensors.put(binding.initializer(), new FloatTensor(binding.initializer(), binding.onnxShape(),
					binding.toOnnx(parameter.getArray().toFloatArray())));
		});
		return tensors;
	}

	private static Map<String, String> denseWeights(OnnxModel model, Map<String, Initializer> floats) {
		Map<String, List<GraphNode>> consumers = new LinkedHashMap<>();
		for (GraphNode node : model.nodes()) {
			for (String input : node.inputs()) {
				consumers.computeIfAbsent(input, (key) -> new ArrayList<>()).add(node);
			}
		}
		Map<String, String> weights = new LinkedHashMap<>();
		for (GraphNode node : model.nodes()) {
			if (!"MatMul".equals(node.opType()) || node.inputs().size() != 2
					|| !floats.containsKey(node.inputs().get(1))) {
				continue;
			}
			for (GraphNode add : consumers.getOrDefault(node.outputs().get(0), List.of())) {
				if (!"Add".equals(add.opType())) {
					continue;
				}
				for (String operand : add.inputs()) {
					if (operand.endsWith(".bias") && floats.containsKey(operand)) {
						String weight = operand.substring(0, operand.length() - ".bias".length()) + ".weight";
						weights.put(weight, node.inputs().get(1));
					}
				}
			}
		}
		return weights;
	}

	private static EncoderConfig configOf(Map<String, Initializer> floats, Map<String, String> sources, int heads,
			float layerNormEpsilon) throws OnnxFormatException {
		long[] words = dims(floats, WORDS);
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

	private static WeightBinding bind(String name, long[] parameterShape, Initializer initializer)
			throws OnnxFormatException {
		WeightBinding.Layout layout = initializer.name().equals(name) ? WeightBinding.Layout.AS_IS
				: WeightBinding.Layout.TRANSPOSED;
		if (layout == WeightBinding.Layout.TRANSPOSED && parameterShape.length != 2) {
			throw new OnnxFormatException(
					"Parameter " + name + " is not a matrix but the graph multiplies by it as " + initializer.name());
		}
		long[] expected = (layout == WeightBinding.Layout.AS_IS) ? parameterShape
				: new long[] { parameterShape[1], parameterShape[0] };
		if (!Arrays.equals(initializer.dims(), expected)) {
			throw new OnnxFormatException("Initializer " + initializer.name() + " of parameter " + name + " has shape "
					+ Arrays.toString(initializer.dims()) + ", expected " + Arrays.toString(expected));
		}
		return new WeightBinding(name, parameterShape, initializer.name(), initializer.dims(), layout);
	}

}
