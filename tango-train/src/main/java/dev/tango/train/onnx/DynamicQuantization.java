package dev.tango.train.onnx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.protobuf.ByteString;
import dev.tango.runtime.onnx.edit.GraphFields;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.NodeCodec;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.Tensors;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * Quantises a float32 graph's weights to 8 bits the way the bundled int8 encoders are
 * quantised (ONNX Runtime's dynamic quantisation, per channel): with
 * {@link WeightRange#REDUCED}, the fp32 MiniLM-L6 becomes the bundled int8 model, weight
 * for weight.
 * <ul>
 * <li>a {@code MatMul} whose second input is a 2-D float32 initializer becomes
 * {@code MatMulInteger} over signed weights in the {@link WeightRange}, symmetric with
 * one scale per output column, and unsigned 8-bit activations quantised at run time by
 * {@code DynamicQuantizeLinear} (one per activation, shared by the MatMuls that read it);
 * its integer result is cast to float and multiplied by the product of the two scales;
 * <li>a {@code Gather} from a float32 initializer (the embedding tables) gathers from
 * unsigned 8-bit values, symmetric about zero point 128 with one scale for the table, and
 * {@code DequantizeLinear} turns the rows it gathered back into floats.
 * </ul>
 * Everything else (attention products, layer norms, biases) stays float32. An initializer
 * that any other node also reads is left as it is, and so are its nodes. Needs operator
 * set 11 or later. Stateless.
 */
public final class DynamicQuantization {

	private static final int MIN_OPSET = 11;

	private static final int CAST_TO_FLOAT = 1;

	private DynamicQuantization() {
	}

	/**
	 * Quantises a model.
	 * @param model a float32 model
	 * @param range the range of the MatMul weights
	 * @return the quantised model
	 * @throws OnnxFormatException if its operator set is older than 11, or it cannot be
	 * rewritten
	 */
	public static OnnxModel quantize(OnnxModel model, WeightRange range) throws OnnxFormatException {
		if (model.opsetVersion() < MIN_OPSET) {
			throw new OnnxFormatException("dynamic quantisation needs operator set " + MIN_OPSET
					+ " or later; the model has " + model.opsetVersion());
		}
		Map<String, Integer> readers = new HashMap<>();
		for (GraphNode node : model.nodes()) {
			node.inputs().forEach((input) -> readers.merge(input, 1, Integer::sum));
		}
		Set<String> matMulWeights = new HashSet<>();
		Set<String> gatherTables = new HashSet<>();
		for (GraphNode node : model.nodes()) {
			if (isWeightMatMul(model, node) && readers.get(node.inputs().get(1)) == 1) {
				matMulWeights.add(node.inputs().get(1));
			}
			if (isTableGather(model, node) && readers.get(node.inputs().get(0)) == 1) {
				gatherTables.add(node.inputs().get(0));
			}
		}
		try {
			List<WireField> fields = new ArrayList<>();
			Set<String> quantizedActivations = new HashSet<>();
			for (WireField field : model.graphFields()) {
				switch (field.number()) {
					case GraphFields.NODE -> {
						GraphNode node = NodeCodec.describe(field.payload());
						if (node.opType().equals("MatMul") && matMulWeights.contains(node.inputs().get(1))) {
							matMul(node, quantizedActivations, fields);
						}
						else if (node.opType().equals("Gather") && gatherTables.contains(node.inputs().get(0))) {
							gather(node, fields);
						}
						else {
							fields.add(field);
						}
					}
					case GraphFields.INITIALIZER -> {
						String name = TensorCodec.describe(field.payload()).name();
						if (matMulWeights.contains(name)) {
							weights(model.floatInitializer(name), range, fields);
						}
						else if (gatherTables.contains(name)) {
							table(model.floatInitializer(name), fields);
						}
						else {
							fields.add(field);
						}
					}
					case GraphFields.INPUT -> {
						String name = GraphFields.valueName(field);
						if (!matMulWeights.contains(name) && !gatherTables.contains(name)) {
							fields.add(field);
						}
					}
					default -> fields.add(field);
				}
			}
			return model.withGraphFields(fields);
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("the graph cannot be quantised: " + ex.getMessage());
		}
	}

	private static boolean isWeightMatMul(OnnxModel model, GraphNode node) {
		return node.opType().equals("MatMul") && node.domain().isEmpty() && node.inputs().size() == 2
				&& model.initializer(node.inputs().get(0)).isEmpty()
				&& model.initializer(node.inputs().get(1))
					.filter((weight) -> weight.isFloat() && weight.dims().length == 2)
					.isPresent();
	}

	private static boolean isTableGather(OnnxModel model, GraphNode node) {
		return node.opType().equals("Gather") && node.domain().isEmpty()
				&& model.initializer(node.inputs().get(0)).filter(Initializer::isFloat).isPresent()
				&& model.initializer(node.inputs().get(1)).isEmpty();
	}

	private static void matMul(GraphNode node, Set<String> quantizedActivations, List<WireField> fields) {
		String activation = node.inputs().get(0);
		String weight = node.inputs().get(1);
		String output = node.outputs().get(0);
		String name = node.name();
		if (quantizedActivations.add(activation)) {
			add(fields, new GraphNode(activation + "_QuantizeLinear", "DynamicQuantizeLinear", "", List.of(activation),
					List.of(activation + "_quantized", activation + "_scale", activation + "_zero_point")));
		}
		String scales = name + "_quant_scales_mul:0";
		String integer = output + "_output_quantized";
		String floats = integer + "_cast_output";
		add(fields, new GraphNode(name + "_quant_scales_mul", "Mul", "",
				List.of(activation + "_scale", weight + "_scale"), List.of(scales)));
		add(fields, new GraphNode(name + "_quant", "MatMulInteger", "", List.of(activation + "_quantized",
				weight + "_quantized", activation + "_zero_point", weight + "_zero_point"), List.of(integer)));
		fields.add(WireField.of(GraphFields.NODE,
				NodeCodec.encode(new GraphNode(integer + "_cast", "Cast", "", List.of(integer), List.of(floats)),
						List.of(NodeCodec.intAttribute("to", CAST_TO_FLOAT)))));
		add(fields,
				new GraphNode(name + "_quant_output_scale_mul", "Mul", "", List.of(floats, scales), List.of(output)));
	}

	private static void gather(GraphNode node, List<WireField> fields) {
		String table = node.inputs().get(0);
		String output = node.outputs().get(0);
		List<String> inputs = new ArrayList<>(node.inputs());
		inputs.set(0, table + "_quantized");
		add(fields, new GraphNode(node.name(), "Gather", "", inputs, List.of(output + "_quantized")));
		add(fields, new GraphNode(output + "_DequantizeLinear", "DequantizeLinear", "",
				List.of(output + "_quantized", table + "_scale", table + "_zero_point"), List.of(output)));
	}

	private static void weights(FloatTensor weight, WeightRange range, List<WireField> fields) {
		int rows = Math.toIntExact(weight.dims()[0]);
		int columns = Math.toIntExact(weight.dims()[1]);
		Int8Weights.Quantized quantized = Int8Weights.perColumnSymmetric(weight.values(), rows, columns, range.limit);
		addTensors(weight.name(), weight.dims(), Initializer.INT8, quantized, new long[] { columns }, fields);
	}

	private static void table(FloatTensor table, List<WireField> fields) {
		Int8Weights.Quantized quantized = Int8Weights.perTensorSymmetricUnsigned(table.values());
		addTensors(table.name(), table.dims(), Initializer.UINT8, quantized, new long[0], fields);
	}

	private static void addTensors(String name, long[] dims, int dataType, Int8Weights.Quantized quantized,
			long[] scaleDims, List<WireField> fields) {
		fields.add(WireField.of(GraphFields.INITIALIZER, Tensors.encode(name + "_scale", Initializer.FLOAT, scaleDims,
				Tensors.littleEndian(quantized.scales()))));
		fields.add(WireField.of(GraphFields.INITIALIZER, Tensors.encode(name + "_zero_point", dataType, scaleDims,
				ByteString.copyFrom(quantized.zeroPoints()))));
		fields.add(WireField.of(GraphFields.INITIALIZER,
				Tensors.encode(name + "_quantized", dataType, dims, ByteString.copyFrom(quantized.values()))));
	}

	private static void add(List<WireField> fields, GraphNode node) {
		fields.add(WireField.of(GraphFields.NODE, NodeCodec.encode(node, List.of())));
	}

	/**
	 * The range of quantised MatMul weights. ONNX Runtime multiplies unsigned 8-bit
	 * activations by signed 8-bit weights; on x86 processors without VNNI dot-product
	 * instructions it sums pairs of products in 16 bits, which full-range weights can
	 * saturate.
	 */
	public enum WeightRange {

		/**
		 * 7 bits, {@code [-64, 64]}: cannot saturate on any processor; what the bundled
		 * int8 encoders use.
		 */
		REDUCED(64),

		/**
		 * 8 bits, {@code [-127, 127]}: twice the resolution, for processors with VNNI (or
		 * ARM dot-product) instructions.
		 */
		FULL(127);

		private final int limit;

		WeightRange(int limit) {
			this.limit = limit;
		}

	}

}
