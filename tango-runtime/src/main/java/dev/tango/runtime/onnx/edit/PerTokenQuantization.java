package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;

/**
 * Rewrites a dynamically quantised graph so that it quantises each token's activations
 * with a scale of their own, where {@code DynamicQuantizeLinear} takes one scale and zero
 * point for the whole tensor: for the activations of a batch, so that an input's answer
 * moved with the other inputs of its batch, and with the padding their lengths add.
 *
 * <p>
 * Each {@code DynamicQuantizeLinear(x) → (y, scale, zero point)} becomes, over the last
 * axis (a token's features):
 *
 * <pre>
 * m     = max(ReduceMax(x), -ReduceMin(x), ε)          one per token
 * scale = m / 127
 * y     = QuantizeLinear(x · (127 / m), 1, 128)         unsigned, symmetric about 128
 * zero point = 128
 * </pre>
 *
 * A token's values map onto {@code [1, 255]} whatever the batch holds. The zero point
 * stays one scalar, which ONNX Runtime's {@code MatMulInteger} requires; the scale now
 * has a trailing axis of 1, which the {@code Mul} nodes that read it broadcast against
 * the weights' per-column scales. A scale per row of the first operand factors out of a
 * matrix product, and only there: the rewrite is refused where a quantised value is read
 * by anything but the first operand of a {@code MatMulInteger} (its zero point by
 * anything but that product's), where a scale is read by anything but a {@code Mul},
 * where a quantised value is an output of the graph, and in graphs with subgraphs
 * ({@code If}, {@code Loop}, {@code Scan}), which are not looked into. Recorded shapes
 * ({@code value_info}) of the scales and of what their products give are dropped, as they
 * no longer hold. Needs operator set 11 or later. Stateless.
 */
public final class PerTokenQuantization {

	/** The operator replaced. */
	public static final String DYNAMIC_QUANTIZE = "DynamicQuantizeLinear";

	private static final String PREFIX = "tango_per_token_";

	private static final Set<String> SUBGRAPH_OPERATORS = Set.of("If", "Loop", "Scan");

	private static final int MIN_OPSET = 11;

	/** From this operator set on, the reductions take their axes as an input. */
	private static final int AXES_AS_INPUT_OPSET = 18;

	private static final float LEVELS = 127;

	private static final byte ZERO_POINT = (byte) 128;

	/** The least range a token's scale is computed from, so that zeros divide by none. */
	private static final float LEAST_RANGE = 1e-30f;

	private PerTokenQuantization() {
	}

	/**
	 * Tells whether a model quantises activations dynamically.
	 * @param model the model
	 * @return whether its main graph has a {@value #DYNAMIC_QUANTIZE} node
	 * @throws OnnxFormatException if a node cannot be read
	 */
	public static boolean applies(EncodedModel model) throws OnnxFormatException {
		return model.nodes().stream().anyMatch(PerTokenQuantization::isDynamicQuantization);
	}

	/**
	 * Rewrites every {@value #DYNAMIC_QUANTIZE} node of a model's main graph.
	 * @param model the model
	 * @return the rewritten model; the model itself where it has no such node
	 * @throws OnnxFormatException if its operator set is older than 11, if a scale is
	 * read by another node than {@code Mul}, or a quantised value is a graph output
	 */
	public static EncodedModel rewrite(EncodedModel model) throws OnnxFormatException {
		List<GraphNode> nodes = model.nodes();
		List<GraphNode> quantizations = nodes.stream().filter(PerTokenQuantization::isDynamicQuantization).toList();
		if (quantizations.isEmpty()) {
			return model;
		}
		long opset = model.opsetVersion();
		if (opset < MIN_OPSET) {
			throw new OnnxFormatException("per-token activation quantisation needs operator set " + MIN_OPSET
					+ " or later; the model has " + opset);
		}
		try {
			checkConsumers(model, nodes, quantizations);
			Set<String> reshaped = reshaped(nodes, quantizations);
			boolean axesAsInput = opset >= AXES_AS_INPUT_OPSET;
			List<WireField> fields = new ArrayList<>(constants(axesAsInput));
			int rewritten = 0;
			int next = 0;
			for (WireField field : model.graphFields()) {
				// the nodes were read in graph order, one per node field
				GraphNode node = (field.number() == GraphFields.NODE) ? nodes.get(next++) : null;
				if (node != null && isDynamicQuantization(node)) {
					perToken(node, PREFIX + (rewritten++) + "_", axesAsInput, fields);
				}
				else if (!(field.number() == GraphFields.VALUE_INFO
						&& reshaped.contains(GraphFields.valueName(field)))) {
					fields.add(field);
				}
			}
			return model.withGraphFields(fields);
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("the graph cannot be rewritten: " + ex.getMessage());
		}
	}

	private static boolean isDynamicQuantization(GraphNode node) {
		return node.opType().equals(DYNAMIC_QUANTIZE) && (node.domain().isEmpty() || node.domain().equals("ai.onnx"))
				&& node.inputs().size() == 1 && node.outputs().size() == 3;
	}

	private static void checkConsumers(EncodedModel model, List<GraphNode> nodes, List<GraphNode> quantizations)
			throws IOException {
		Set<String> quantized = new HashSet<>();
		Set<String> scales = new HashSet<>();
		Set<String> zeroPoints = new HashSet<>();
		for (GraphNode quantization : quantizations) {
			quantized.add(quantization.outputs().get(0));
			scales.add(quantization.outputs().get(1));
			zeroPoints.add(quantization.outputs().get(2));
		}
		for (GraphNode node : nodes) {
			if (SUBGRAPH_OPERATORS.contains(node.opType())) {
				throw new OnnxFormatException("graphs with " + node.opType()
						+ " nodes are not rewritten: their subgraphs are not looked into");
			}
			for (int i = 0; i < node.inputs().size(); i++) {
				checkReader(node, i, quantized, scales, zeroPoints);
			}
			if (node.outputs().stream().anyMatch((output) -> output.startsWith(PREFIX))
					|| node.name().startsWith(PREFIX)) {
				throw new OnnxFormatException("the graph already names values " + PREFIX + "…");
			}
		}
		for (WireField field : model.graphFields()) {
			if (field.number() == GraphFields.OUTPUT && (quantized.contains(GraphFields.valueName(field))
					|| scales.contains(GraphFields.valueName(field)))) {
				throw new OnnxFormatException(
						"the quantised value " + GraphFields.valueName(field) + " is an output of the graph");
			}
		}
	}

	private static void checkReader(GraphNode node, int input, Set<String> quantized, Set<String> scales,
			Set<String> zeroPoints) throws OnnxFormatException {
		String value = node.inputs().get(input);
		boolean matMul = node.opType().equals("MatMulInteger");
		if (quantized.contains(value) && !(matMul && input == 0)) {
			throw new OnnxFormatException("the quantised activation " + value + " is read by " + node.opType()
					+ " node " + node.name() + " as input " + input
					+ ": a scale per token factors out of the first operand of MatMulInteger only");
		}
		if (zeroPoints.contains(value) && !(matMul && input == 2)) {
			throw new OnnxFormatException("the activation zero point " + value + " is read by " + node.opType()
					+ " node " + node.name() + " as input " + input);
		}
		if (scales.contains(value) && !node.opType().equals("Mul")) {
			throw new OnnxFormatException("the activation scale " + value + " is read by " + node.opType() + " node "
					+ node.name() + ", which may need one scale for the tensor");
		}
	}

	/**
	 * Returns the values whose recorded shapes no longer hold: the scales, and what the
	 * nodes that read them give.
	 */
	private static Set<String> reshaped(List<GraphNode> nodes, List<GraphNode> quantizations) {
		Set<String> scales = new HashSet<>();
		quantizations.forEach((quantization) -> scales.add(quantization.outputs().get(1)));
		Set<String> reshaped = new HashSet<>(scales);
		for (GraphNode node : nodes) {
			if (node.inputs().stream().anyMatch(scales::contains)) {
				reshaped.addAll(node.outputs());
			}
		}
		return reshaped;
	}

	private static List<WireField> constants(boolean axesAsInput) {
		List<WireField> constants = new ArrayList<>();
		constants.add(initializer(
				Tensors.encode(PREFIX + "levels", Tensors.FLOAT, new long[0], Tensors.littleEndian(LEVELS))));
		constants.add(initializer(
				Tensors.encode(PREFIX + "least_range", Tensors.FLOAT, new long[0], Tensors.littleEndian(LEAST_RANGE))));
		constants
			.add(initializer(Tensors.encode(PREFIX + "one", Tensors.FLOAT, new long[0], Tensors.littleEndian(1f))));
		constants.add(initializer(Tensors.encode(PREFIX + "zero_point", Tensors.UINT8, new long[0],
				ByteString.copyFrom(new byte[] { ZERO_POINT }))));
		if (axesAsInput) {
			constants.add(initializer(
					Tensors.encode(PREFIX + "last_axis", Tensors.INT64, new long[] { 1 }, Tensors.littleEndian(-1L))));
		}
		return constants;
	}

	/**
	 * Adds the nodes that quantise one activation per token, and its zero point, their
	 * names starting with a prefix of their own.
	 */
	private static void perToken(GraphNode node, String prefix, boolean axesAsInput, List<WireField> fields) {
		String x = node.inputs().get(0);
		String quantized = node.outputs().get(0);
		String scale = node.outputs().get(1);
		String zeroPoint = node.outputs().get(2);
		reduce(fields, "ReduceMax", x, prefix + "max", axesAsInput);
		reduce(fields, "ReduceMin", x, prefix + "min", axesAsInput);
		add(fields, prefix + "negated_min", "Neg", List.of(prefix + "min"));
		add(fields, prefix + "range", "Max", List.of(prefix + "max", prefix + "negated_min", PREFIX + "least_range"));
		fields.add(node(new GraphNode(prefix + "scale", "Div", "", List.of(prefix + "range", PREFIX + "levels"),
				List.of(scale)), List.of()));
		add(fields, prefix + "inverse_scale", "Div", List.of(PREFIX + "levels", prefix + "range"));
		add(fields, prefix + "scaled", "Mul", List.of(x, prefix + "inverse_scale"));
		fields.add(node(
				new GraphNode(prefix + "quantize", "QuantizeLinear", "",
						List.of(prefix + "scaled", PREFIX + "one", PREFIX + "zero_point"), List.of(quantized)),
				List.of()));
		fields.add(node(new GraphNode(prefix + "zero_point", "Identity", "", List.of(PREFIX + "zero_point"),
				List.of(zeroPoint)), List.of()));
	}

	private static void reduce(List<WireField> fields, String op, String x, String output, boolean axesAsInput) {
		List<ByteString> attributes = new ArrayList<>();
		attributes.add(NodeCodec.intAttribute("keepdims", 1));
		List<String> inputs = new ArrayList<>(List.of(x));
		if (axesAsInput) {
			inputs.add(PREFIX + "last_axis");
		}
		else {
			attributes.add(NodeCodec.intsAttribute("axes", -1));
		}
		fields.add(node(new GraphNode(output, op, "", inputs, List.of(output)), attributes));
	}

	/** Adds a node named after its one output. */
	private static void add(List<WireField> fields, String output, String op, List<String> inputs) {
		fields.add(node(new GraphNode(output, op, "", inputs, List.of(output)), List.of()));
	}

	private static WireField node(GraphNode node, List<ByteString> attributes) {
		return WireField.of(GraphFields.NODE, NodeCodec.encode(node, attributes));
	}

	private static WireField initializer(ByteString tensor) {
		return WireField.of(GraphFields.INITIALIZER, tensor);
	}

}
