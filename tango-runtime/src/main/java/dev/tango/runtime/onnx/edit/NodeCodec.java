package dev.tango.runtime.onnx.edit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

/**
 * Reads (structure and numeric attributes), renames and writes ONNX {@code NodeProto}
 * messages. Stateless.
 */
public final class NodeCodec {

	public static final int INPUT = 1;

	public static final int OUTPUT = 2;

	public static final int NAME = 3;

	public static final int OP_TYPE = 4;

	public static final int ATTRIBUTE = 5;

	public static final int DOMAIN = 7;

	/** {@code AttributeProto.name}. */
	public static final int ATTRIBUTE_NAME = 1;

	/** {@code AttributeProto.f}. */
	public static final int ATTRIBUTE_FLOAT = 2;

	/** {@code AttributeProto.i}. */
	public static final int ATTRIBUTE_INT = 3;

	/** {@code AttributeProto.t}. */
	public static final int ATTRIBUTE_TENSOR = 5;

	/** {@code AttributeProto.floats}. */
	public static final int ATTRIBUTE_FLOATS = 7;

	/** {@code AttributeProto.ints}. */
	public static final int ATTRIBUTE_INTS = 8;

	private static final int ATTRIBUTE_TYPE = 20;

	private static final int ATTRIBUTE_TYPE_INT = 2;

	private static final int ATTRIBUTE_TYPE_INTS = 7;

	private NodeCodec() {
	}

	/**
	 * Describes a node.
	 * @param node the encoded {@code NodeProto}
	 * @return its name, operator, domain, inputs and outputs
	 * @throws IOException if it cannot be read
	 */
	public static GraphNode describe(ByteString node) throws IOException {
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
	 * Re-encodes a node with one value renamed wherever it is an input or an output;
	 * every other field is copied as it is.
	 * @param node the encoded {@code NodeProto}
	 * @param from the value's name
	 * @param to its new name
	 * @return the new encoded node
	 * @throws IOException if the node cannot be read
	 */
	public static ByteString rename(ByteString node, String from, String to) throws IOException {
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
	public static ByteString encode(GraphNode node, List<ByteString> attributes) {
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
	public static ByteString intAttribute(String name, long value) {
		return WireField.encode((coded) -> {
			coded.writeString(ATTRIBUTE_NAME, name);
			coded.writeInt64(ATTRIBUTE_INT, value);
			coded.writeInt32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INT);
		});
	}

	/**
	 * Encodes an attribute holding a list of integers.
	 * @param name the attribute's name
	 * @param values its values
	 * @return the encoded {@code AttributeProto}
	 */
	public static ByteString intsAttribute(String name, long... values) {
		return WireField.encode((coded) -> {
			coded.writeString(ATTRIBUTE_NAME, name);
			for (long value : values) {
				coded.writeInt64(ATTRIBUTE_INTS, value);
			}
			coded.writeInt32(ATTRIBUTE_TYPE, ATTRIBUTE_TYPE_INTS);
		});
	}

}
