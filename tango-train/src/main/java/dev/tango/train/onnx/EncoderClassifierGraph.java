package dev.tango.train.onnx;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.head.Pooling;
import dev.tango.runtime.onnx.edit.GraphFields;
import dev.tango.runtime.onnx.edit.GraphNode;
import dev.tango.runtime.onnx.edit.NodeCodec;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.Tensors;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * Joins a sentence encoder's graph and a linear head fitted on its pooled output into one
 * sequence-classifier graph, so that a server that runs ONNX graphs only (Triton's ONNX
 * Runtime backend, another OIP v2 server) computes what an {@code encoder-linear} tier
 * computes: the encoder's {@code last_hidden_state}, pooled (the mean over the attention
 * mask, or the first token), L2-normalised where the encoder says so, then
 * {@code logits = W·x + b}.
 * <p>
 * The encoder's nodes, initializers and inputs stay as they are; the head's nodes and
 * initializers are appended under the prefix {@value #PREFIX}, and the graph's outputs
 * become one: {@value #OUTPUT}, float32 {@code [batch, labels]}. The head uses
 * {@code Cast}, {@code Reshape}, {@code MatMul}, {@code Max}, {@code Div},
 * {@code Gather}, {@code LpNormalization} and {@code Add} with multidirectional
 * broadcasting, as they are from operator set {@value #MIN_OPSET} on (the encoders Tango
 * bundles import 11), so the graph keeps the encoder's operator set import. An instance
 * collects the fields of one join.
 */
public final class EncoderClassifierGraph {

	/**
	 * The joined graph's one output: the head's logits, float32 {@code [batch, labels]}.
	 */
	public static final String OUTPUT = "logits";

	/** The prefix of the names of the values, nodes and initializers the head adds. */
	public static final String PREFIX = "tango_head/";

	/**
	 * The oldest default operator set whose operators the head's nodes are written for.
	 */
	public static final long MIN_OPSET = 8;

	private static final String HIDDEN = "last_hidden_state";

	private static final String ATTENTION_MASK = "attention_mask";

	private static final int VALUE_NAME = 1;

	private static final int VALUE_TYPE = 2;

	private static final int TYPE_TENSOR = 1;

	private static final int TENSOR_ELEMENT_TYPE = 1;

	private static final int TENSOR_SHAPE = 2;

	private static final int SHAPE_DIM = 1;

	private static final int DIM_VALUE = 1;

	private static final int DIM_PARAM = 2;

	private final List<WireField> added = new ArrayList<>();

	private EncoderClassifierGraph() {
	}

	/**
	 * Joins an encoder and a head.
	 * @param encoder the encoder: inputs {@code input_ids} and {@code attention_mask}
	 * (and any others it reads), an output {@code last_hidden_state} of shape
	 * {@code [batch, tokens, dimension]}
	 * @param pooling how the encoder's tokens are pooled into one vector
	 * @param normalize whether the pooled vector is L2-normalised before the head
	 * @param head the head, fitted on the pooled (and normalised) vectors
	 * @return the joined graph, with the one output {@value #OUTPUT}
	 * @throws OnnxFormatException if the encoder lacks {@code last_hidden_state} or
	 * {@code attention_mask}, imports an operator set older than {@value #MIN_OPSET}, or
	 * already holds a name the head adds
	 */
	public static OnnxModel join(OnnxModel encoder, Pooling pooling, boolean normalize, LinearHead head)
			throws OnnxFormatException {
		if (!encoder.outputs().contains(HIDDEN)) {
			throw new OnnxFormatException(
					"the encoder has no output " + HIDDEN + " (it has " + encoder.outputs() + ")");
		}
		if (!encoder.inputs().contains(ATTENTION_MASK)) {
			throw new OnnxFormatException("the encoder has no input " + ATTENTION_MASK);
		}
		if (encoder.opsetVersion() < MIN_OPSET) {
			throw new OnnxFormatException("the encoder imports operator set " + encoder.opsetVersion()
					+ "; the head's nodes need " + MIN_OPSET + " or later");
		}
		boolean clash = encoder.nodes()
			.stream()
			.anyMatch((node) -> node.name().startsWith(PREFIX)
					|| node.outputs().stream().anyMatch((value) -> value.startsWith(PREFIX) || value.equals(OUTPUT)));
		if (clash || encoder.initializers().stream().anyMatch((tensor) -> tensor.name().startsWith(PREFIX))) {
			throw new OnnxFormatException(
					"the encoder already holds names starting with " + PREFIX + ", or a value named " + OUTPUT);
		}
		EncoderClassifierGraph graph = new EncoderClassifierGraph();
		String pooled = graph.pool(pooling);
		if (normalize) {
			pooled = graph.node("LpNormalization", List.of(pooled),
					List.of(NodeCodec.intAttribute("axis", -1), NodeCodec.intAttribute("p", 2)));
		}
		String scores = graph.node("MatMul",
				List.of(pooled,
						graph.floats("weights", transpose(head.weights()), head.dimension(), head.labels().size())),
				List.of());
		graph.added.add(WireField.of(GraphFields.NODE,
				NodeCodec.encode(new GraphNode(PREFIX + "logits", "Add", "",
						List.of(scores, graph.floats("bias", head.bias(), head.labels().size())), List.of(OUTPUT)),
						List.of())));
		List<WireField> fields = new ArrayList<>();
		for (WireField field : encoder.graphFields()) {
			if (field.number() != GraphFields.OUTPUT) {
				fields.add(field);
			}
		}
		fields.addAll(graph.added);
		fields.add(WireField.of(GraphFields.OUTPUT, outputValue(head.labels().size())));
		return encoder.withGraphFields(fields);
	}

	/**
	 * Adds the pooling nodes and returns the pooled value, {@code [batch, dimension]}.
	 */
	private String pool(Pooling pooling) {
		return switch (pooling) {
			case CLS -> node("Gather", List.of(HIDDEN, longs("first", new long[0], 0)),
					List.of(NodeCodec.intAttribute("axis", 1)));
			case MEAN -> {
				String mask = node("Cast", List.of(ATTENTION_MASK),
						List.of(NodeCodec.intAttribute("to", Tensors.FLOAT)));
				String row = node("Reshape", List.of(mask, longs("row_shape", new long[] { 3 }, 0, 1, -1)), List.of());
				String column = node("Reshape", List.of(mask, longs("column_shape", new long[] { 3 }, 0, -1, 1)),
						List.of());
				String sum = node("MatMul", List.of(row, HIDDEN), List.of());
				String count = node("MatMul", List.of(row, column), List.of());
				String atLeastOne = node("Max", List.of(count, floats("one", new float[] { 1f })), List.of());
				String mean = node("Div", List.of(sum, atLeastOne), List.of());
				yield node("Reshape", List.of(mean, longs("vector_shape", new long[] { 2 }, 0, -1)), List.of());
			}
		};
	}

	/** Adds a node with one output, named after its position, and returns the output. */
	private String node(String opType, List<String> inputs, List<ByteString> attributes) {
		String name = PREFIX + this.added.size() + "_" + opType;
		this.added.add(WireField.of(GraphFields.NODE,
				NodeCodec.encode(new GraphNode(name, opType, "", inputs, List.of(name)), attributes)));
		return name;
	}

	/** Adds a float32 initializer and returns its name. */
	private String floats(String name, float[] values, long... dims) {
		String full = PREFIX + name;
		this.added.add(WireField.of(GraphFields.INITIALIZER,
				Tensors.encode(full, Tensors.FLOAT, dims, Tensors.littleEndian(values))));
		return full;
	}

	/** Adds an int64 initializer and returns its name. */
	private String longs(String name, long[] dims, long... values) {
		String full = PREFIX + name;
		this.added.add(WireField.of(GraphFields.INITIALIZER,
				Tensors.encode(full, Tensors.INT64, dims, Tensors.littleEndian(values))));
		return full;
	}

	/** Returns {@code W} transposed, {@code [dimension, labels]}, row by row. */
	private static float[] transpose(float[][] weights) {
		int labels = weights.length;
		int dimension = weights[0].length;
		float[] transposed = new float[dimension * labels];
		for (int c = 0; c < labels; c++) {
			for (int d = 0; d < dimension; d++) {
				transposed[d * labels + c] = weights[c][d];
			}
		}
		return transposed;
	}

	/**
	 * Encodes the {@code ValueInfoProto} of the output: float32 {@code [batch, labels]}.
	 */
	private static ByteString outputValue(int labels) {
		ByteString batch = WireField.encode((coded) -> coded.writeString(DIM_PARAM, "batch"));
		ByteString width = WireField.encode((coded) -> coded.writeInt64(DIM_VALUE, labels));
		ByteString shape = WireField.encode((coded) -> {
			coded.writeBytes(SHAPE_DIM, batch);
			coded.writeBytes(SHAPE_DIM, width);
		});
		ByteString tensor = WireField.encode((coded) -> {
			coded.writeInt32(TENSOR_ELEMENT_TYPE, Tensors.FLOAT);
			coded.writeBytes(TENSOR_SHAPE, shape);
		});
		ByteString type = WireField.encode((coded) -> coded.writeBytes(TYPE_TENSOR, tensor));
		return WireField.encode((coded) -> {
			coded.writeString(VALUE_NAME, OUTPUT);
			coded.writeBytes(VALUE_TYPE, type);
		});
	}

}
