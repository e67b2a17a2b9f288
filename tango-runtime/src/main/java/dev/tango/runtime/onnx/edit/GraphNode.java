package dev.tango.runtime.onnx.edit;

import java.util.List;

/**
 * A node of an ONNX graph as far as its structure goes; attributes are not shown.
 *
 * @param name the node's name, empty if it has none
 * @param opType the operator, such as {@code MatMul}
 * @param domain the operator set's domain, empty for the default ONNX domain
 * @param inputs the names of the values it reads, in order (an empty name is an omitted
 * optional input)
 * @param outputs the names of the values it produces, in order
 */
public record GraphNode(String name, String opType, String domain, List<String> inputs, List<String> outputs) {

	/**
	 * Copies the lists.
	 * @param name the node's name
	 * @param opType the operator
	 * @param domain the domain
	 * @param inputs the inputs
	 * @param outputs the outputs
	 */
	public GraphNode {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
	}

}
