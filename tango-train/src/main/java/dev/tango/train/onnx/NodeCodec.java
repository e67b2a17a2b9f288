package dev.tango.train.onnx;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.protobuf.ByteString;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * Reads (structure and numeric attributes), renames and writes ONNX {@code NodeProto}
 * messages. Stateless.
 */
final class NodeCodec {

	static final int INPUT = 1;

	static final int OUTPUT = 2;

	static final int NAME = 3;

	static final int OP_TYPE = 4;

	static final int ATTRIBUTE = 5;

	static final int DOMAIN = 7;

	private static final int ATTRIBUTE_NAME = 1;

	private static final int ATTRIBUTE_FLOAT = 2;

	private static final int ATTRIBUTE_INT = 3;

	private static final int ATTRIBUTE_TENSOR = 5;

	private static final int ATTRIBUTE_FLOATS = 7;

	private static final int ATTRIBUTE_INTS = 8;

	private static final int ATTRIBUTE_TYPE = 20;

	private static final int ATTRIBUTE_TYPE_INT = 2;

	private NodeCodec() {
	}

	/**
	 * Describes a node.
	 * @param node the encoded {@code NodeProto}
	 * @return its name, operator, domain, inputs and outputs
	 * @throws IOException if it cannot be read
	 */
	static GraphNode describe(ByteString node) throws IOException {
		String name = "";
		String opType = "";
		String domain = "";
		List<String> inputs = new ArrayList<>();
		List<String> outputs = new ArrayList<>();
		for (WireField field : WireField.split(node)) {
			switch (field.number()) {
				case INPUT -> inputs.add(field.text());
				case OUTPUT -> outputs.add(field.text());
				case NAME -> name = field.text();
				case OP_TYPE -> opType = field.text();
				case DOMAIN -> domain = field.text();
				default -> {
				}
			}
		}
		return new GraphNode(name, opType, domain, inputs, outputs);
	}

	/**
	 * Reads a node's numeric attributes: a float or an int as one value, floats or ints
	 * as a list, a tensor (such as a {@code Constant}'s {@code value}) as its values;
	 * attributes of other kinds (strings, graphs) are left out.
	 * @param node the encoded {@code NodeProto}
	 * @return the values by attribute name, in encoded order
	 * @throws IOException if the node or a tensor cannot be read
	 */
	static Map<String, double[]> numericAttributes(ByteString node) throws IOException {
		Map<String, double[]> attributes = new LinkedHashMap<>();
		for (WireField field : WireField.split(node)) {
			if (field.number() != ATTRIBUTE) {
				continue;
			}
			String name = "";
			List<Double> values = new ArrayList<>();
			boolean numeric = false;
			for (WireField part : WireField.split(field.payload())) {
				switch (part.number()) {
					case ATTRIBUTE_NAME -> name = part.text();
					case ATTRIBUTE_FLOAT -> {
						values.add((double) part.float32());
						numeric = true;
					}
					case ATTRIBUTE_INT -> {
						values.add((double) part.varint());
						numeric = true;
					}
					case ATTRIBUTE_TENSOR -> {
						for (double value : TensorCodec.numbers(part.payload())) {
							values.add(value);
						}
						numeric = true;
					}
					case ATTRIBUTE_FLOATS -> {
						readFloats(part, values);
						numeric = true;
					}
					case ATTRIBUTE_INTS -> {
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

	/**
	 * Re-encodes a node with one value renamed wherever it is an input or an output;
	 * every other field is copied as it is.
	 * @param node the encoded {@code NodeProto}
	 * @param from the value's name
	 * @param to its new name
	 * @return the new encoded node
	 * @throws IOException if the node cannot be read
	 */
	static ByteString rename(ByteString node, String from, String to) throws IOException {
		ByteString.Output out = ByteString.newOutput(node.size() + to.length());
		for (WireField field : WireField.split(node)) {
			boolean value = field.number() == INPUT || field.number() == OUTPUT;
			if (value && field.text().equals(from)) {
				WireField.of(field.number(), ByteString.copyFromUtf8(to)).encoded().writeTo(out);
			}
			else {
				field.encoded().writeTo(out);
			}
		}
		return out.toByteString();
	}

	/**
	 * Encodes a new node.
	 * @param node its name, operator, domain, inputs and outputs
	 * @param attributes its encoded {@code AttributeProto}s
	 * @return the encoded {@code NodeProto}
	 */
	static ByteString encode(GraphNode node, List<ByteString> attributes) {
		return WireField.encode((coded) -> {
			for (String input : node.inputs()) {
				coded.writeString(INPUT, input);
			}
			for (String output : node.outputs()) {
				coded.writeString(OUTPUT, output);
			}
			coded.writeString(NAME, node.name());
			coded.writeString(OP_TYPE, node.opType());
			for (ByteString attribute : attributes) {
				coded.writeBytes(ATTRIBUTE, attribute);
			}
			if (!node.domain().isEmpty()) {
				coded.writeString(DOMAIN, node.domain());
			}
		});
	}

	/**
	 * Encodes an integer attribute.
	 * @param name the attribute's name
	 * @param value its value
	 * @return the encoded {@code AttributeProto}
	 */
	static ByteString intAttribute(String name, long value) {
		return WireField.encode((coded) -> {
			coded.writeString(ATTRIBUTE_NAME, name);
			coded.writeInt64(ATTRIBUTE_INT, value);
			coded.writeInt32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
		});
	}

}
