package dev.tango.train.onnx;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tango.runtime.onnx.edit.GraphNode;

/**
 * Maps the parameter names of a Hugging Face encoder's state dict
 * ({@code encoder.layer.0.attention.self.query.weight}) to the initializers of its ONNX
 * export. Exporters keep most names but store a linear layer's weight as the second input
 * of a {@code MatMul} node named after the layer
 * ({@code /encoder/layer.0/attention/self/query/MatMul}), under a generated name
 * ({@code onnx::MatMul_787}) and transposed: {@code [in, out]} where PyTorch's
 * {@code Linear} holds {@code [out, in]}. Stateless.
 */
public final class ParameterNames {

	private static final Pattern MATMUL_NODE = Pattern.compile("^/(.+)/MatMul$");

	private ParameterNames() {
	}

	/**
	 * Maps every float32 parameter of a model.
	 * @param model the exported encoder
	 * @return the ONNX parameter of each state-dict name, in graph order: linear layers'
	 * weights first, then the initializers that keep their names
	 */
	public static Map<String, OnnxParameter> of(OnnxModel model) {
		Map<String, OnnxParameter> names = new LinkedHashMap<>();
		Set<String> mapped = new HashSet<>();
		for (GraphNode node : model.nodes()) {
			Matcher matcher = MATMUL_NODE.matcher(node.name());
			if (node.opType().equals("MatMul") && node.inputs().size() == 2 && matcher.matches()) {
				String weight = node.inputs().get(1);
				if (model.initializer(weight).filter((w) -> w.isFloat() && w.dims().length == 2).isPresent()) {
					names.put(matcher.group(1).replace('/', '.') + ".weight", new OnnxParameter(weight, true));
					mapped.add(weight);
				}
			}
		}
		for (Initializer initializer : model.initializers()) {
			if (initializer.isFloat() && !mapped.contains(initializer.name())) {
				names.put(initializer.name(), new OnnxParameter(initializer.name(), false));
			}
		}
		return names;
	}

	/**
	 * Where a state-dict parameter lives in the ONNX graph.
	 *
	 * @param initializer the initializer's name
	 * @param transposed whether the initializer holds the parameter's 2-D transpose
	 */
	public record OnnxParameter(String initializer, boolean transposed) {

		/**
		 * Lays out a parameter's values as the initializer holds them.
		 * @param dims the parameter's shape in the state dict
		 * @param values its values, row-major in that shape
		 * @return the tensor to write into the graph
		 * @throws IllegalArgumentException if a transposed parameter is not 2-D or the
		 * values do not fill the shape
		 */
		public FloatTensor fromStateDict(long[] dims, float[] values) {
			if (!this.transposed) {
				return new FloatTensor(this.initializer, dims, values);
			}
			if (dims.length != 2) {
				throw new IllegalArgumentException(
						this.initializer + " holds a 2-D transpose, not " + dims.length + "-D values");
			}
			int rows = Math.toIntExact(dims[0]);
			int columns = Math.toIntExact(dims[1]);
			if ((long) rows * columns != values.length) {
				throw new IllegalArgumentException(
						this.initializer + ": " + values.length + " values for " + rows + " x " + columns);
			}
			float[] transpose = new float[values.length];
			for (int row = 0; row < rows; row++) {
				for (int column = 0; column < columns; column++) {
					transpose[column * rows + row] = values[row * columns + column];
				}
			}
			return new FloatTensor(this.initializer, new long[] { columns, rows }, transpose);
		}

	}

}
