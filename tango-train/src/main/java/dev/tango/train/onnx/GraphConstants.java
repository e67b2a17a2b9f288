package dev.tango.train.onnx;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.ByteString;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.onnx.edit.GraphFields;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.NodeCodec;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * The numbers a graph's main graph fixes: the values of its {@code Constant} nodes and of
 * its small initializers (shapes, scalars; at most {@value #MAX_ELEMENTS} elements, so
 * that weights are not read), and the numeric attributes of its nodes. Read once from a
 * model. Immutable and thread-safe.
 */
public final class GraphConstants {

	/** The most elements an initializer may have to be read as a constant. */
	public static final int MAX_ELEMENTS = 64;

	private static final String CONSTANT = "Constant";

	private final Map<String, double[]> values;

	private final Map<String, Map<String, double[]>> attributes;

	private GraphConstants(Map<String, double[]> values, Map<String, Map<String, double[]>> attributes) {
		this.values = values;
		this.attributes = attributes;
	}

	/**
	 * Reads a model's constants.
	 * @param model the model
	 * @return the constants
	 * @throws OnnxFormatException if a node or a small numeric initializer cannot be read
	 */
	public static GraphConstants of(OnnxModel model) throws OnnxFormatException {
		Map<String, double[]> values = new HashMap<>();
		Map<String, Map<String, double[]>> attributes = new HashMap<>();
		try {
			for (WireField field : model.graphFields()) {
				if (field.number() != GraphFields.NODE) {
					continue;
				}
				GraphNode node = NodeCodec.describe(field.payload());
				Map<String, double[]> numeric = numericAttributes(field.payload());
				if (node.outputs().isEmpty() || numeric.isEmpty()) {
					continue;
				}
				attributes.put(node.outputs().get(0), numeric);
				if (CONSTANT.equals(node.opType()) && numeric.size() == 1) {
					values.put(node.outputs().get(0), numeric.values().iterator().next());
				}
			}
			for (Initializer initializer : model.initializers()) {
				if (initializer.elementCount() <= MAX_ELEMENTS && TensorCodec.isNumeric(initializer.dataType())) {
					values.put(initializer.name(),
							TensorCodec.numbers(model.initializerBytes(initializer.name()).orElseThrow()));
				}
			}
		}
		catch (OnnxFormatException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new OnnxFormatException("a constant of the graph cannot be read: " + ex.getMessage());
		}
		return new GraphConstants(Map.copyOf(values), Map.copyOf(attributes));
	}

	/**
	 * Returns the values of a constant value of the graph.
	 * @param name the value's name: a {@code Constant} node's output or a small
	 * initializer
	 * @return its values in row-major order (a copy), or empty if the value is not a
	 * constant this reads
	 */
	public Optional<double[]> value(String name) {
		return Optional.ofNullable(this.values.get(name)).map(double[]::clone);
	}

	/**
	 * Returns a numeric attribute of a node.
	 * @param node a node of the graph, known by its first output
	 * @param name the attribute's name, such as {@code epsilon}
	 * @return its values (one for a float or an int; a copy), or empty if the node does
	 * not set it
	 */
	public Optional<double[]> attribute(GraphNode node, String name) {
		if (node.outputs().isEmpty()) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.attributes.getOrDefault(node.outputs().get(0), Map.of()).get(name))
			.map(double[]::clone);
	}

	/**
	 * Reads a node's numeric attributes: a float or an int as one value, floats or ints
	 * as a list, a tensor (such as a {@code Constant}'s {@code value}) as its values;
	 * attributes of other kinds (strings, graphs) are left out.
	 * @param node the encoded {@code NodeProto}
	 * @return the values by attribute name, in encoded order
	 * @throws IOException if the node or a tensor cannot be read
	 */
	private static Map<String, double[]> numericAttributes(ByteString node) throws IOException {
		Map<String, double[]> attributes = new LinkedHashMap<>();
		for (WireField field : WireField.split(node)) {
			if (field.number() != NodeCodec.ATTRIBUTE) {
				continue;
			}
			String name = "";
			List<Double> values = new ArrayList<>();
			boolean numeric = false;
			for (WireField part : WireField.split(field.payload())) {
				switch (part.number()) {
					case NodeCodec.ATTRIBUTE_NAME -> name = part.text();
					case NodeCodec.ATTRIBUTE_FLOAT -> {
						values.add((double) part.float32());
						numeric = true;
					}
					case NodeCodec.ATTRIBUTE_INT -> {
						values.add((double) part.varint());
						numeric = true;
					}
					case NodeCodec.ATTRIBUTE_TENSOR -> {
						for (double value : TensorCodec.numbers(part.payload())) {
							values.add(value);
						}
						numeric = true;
					}
					case NodeCodec.ATTRIBUTE_FLOATS -> {
						readFloats(part, values);
						numeric = true;
					}
					case NodeCodec.ATTRIBUTE_INTS -> {
						part.int64s((value) -> values.add((double) value));
						numeric = true;
					}
					default -> {
					}
				}
			}
			if (numeric) {
				attributes.put(name, values.stream().mapToDouble(Double::doubleValue).toArray());
			}
		}
		return attributes;
	}

	private static void readFloats(WireField field, List<Double> into) throws IOException {
		if (field.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
			var buffer = field.payload().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
			while (buffer.remaining() >= 4) {
				into.add((double) buffer.getFloat());
			}
		}
		else {
			into.add((double) field.float32());
		}
	}

}
