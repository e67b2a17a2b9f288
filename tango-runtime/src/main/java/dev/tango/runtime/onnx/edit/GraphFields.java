package dev.tango.runtime.onnx.edit;

import java.io.IOException;

/**
 * The field numbers of an ONNX {@code GraphProto} that this package reads and writes, and
 * the name of a {@code ValueInfoProto} (a graph's input, output or intermediate value).
 */
public final class GraphFields {

	/** {@code GraphProto.node}: a {@code NodeProto}. */
	public static final int NODE = 1;

	/** {@code GraphProto.initializer}: a {@code TensorProto}. */
	public static final int INITIALIZER = 5;

	/** {@code GraphProto.input}: a {@code ValueInfoProto}. */
	public static final int INPUT = 11;

	/** {@code GraphProto.output}: a {@code ValueInfoProto}. */
	public static final int OUTPUT = 12;

	/** {@code GraphProto.value_info}: a {@code ValueInfoProto}. */
	public static final int VALUE_INFO = 13;

	private static final int VALUE_INFO_NAME = 1;

	private GraphFields() {
	}

	/**
	 * Returns the name of a value.
	 * @param valueInfo an encoded {@code ValueInfoProto} field of a graph
	 * @return its name, empty if it has none
	 * @throws IOException if it cannot be read
	 */
	public static String valueName(WireField valueInfo) throws IOException {
		for (WireField field : WireField.split(valueInfo.payload())) {
			if (field.number() == VALUE_INFO_NAME) {
				return field.text();
			}
		}
		return "";
	}

}
