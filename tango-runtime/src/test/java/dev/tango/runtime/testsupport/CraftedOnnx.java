package dev.tango.runtime.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.protobuf.CodedOutputStream;

/**
 * Writes small ONNX models byte by byte ({@code onnx.proto} field numbers), so that tests
 * can craft models that exporters never produce: tensors whose data lives in external
 * files named by any {@code location}, in initializers, node attributes or subgraphs.
 *
 * <p>
 * Every model takes {@code input_ids} (int64, {@code [batch, tokens]}) and gives one
 * float output, {@value #OUTPUT}.
 */
public final class CraftedOnnx {

	/** The output of every crafted model. */
	public static final String OUTPUT = "logits";

	/** ONNX {@code TensorProto.DataType.FLOAT}. */
	public static final int FLOAT = 1;

	/** ONNX {@code TensorProto.DataType.UINT8}. */
	public static final int UINT8 = 2;

	private static final int INT64 = 7;

	private CraftedOnnx() {
	}

	/**
	 * A model whose output is {@code Cast<float>(input_ids) * w}, with {@code w} a float
	 * tensor of shape {@code [1]} stored as external data.
	 * @param location the {@code location} of {@code w}'s data
	 * @return the model's bytes
	 */
	public static byte[] scaledByExternalWeight(String location) {
		Message weight = externalTensor("w", FLOAT, 1, location);
		Message cast = node("Cast", "cast", new String[] { "input_ids" }, "x").message(5,
				new Message().string(1, "to").varint(20, 2).varint(3, FLOAT));
		Message mul = node("Mul", "mul", new String[] { "x", "w" }, OUTPUT);
		Message graph = new Message().message(1, cast)
			.message(1, mul)
			.string(2, "crafted")
			.message(5, weight)
			.message(11, input())
			.message(12, floatOutput(OUTPUT));
		return model(graph);
	}

	/**
	 * A two-class classifier whose weights are external data: its output {@value #OUTPUT}
	 * is {@code mean(Cast<float>(input_ids), axis 1) * w}, of shape {@code [batch, 2]},
	 * with {@code w} a float tensor of shape {@code [2]} stored at {@code location}. With
	 * {@code w = [a, b]} and {@code a > b}, every input (token ids are positive) gets
	 * class 0; with {@code a < b}, class 1.
	 * @param location the {@code location} of {@code w}'s data
	 * @return the model's bytes
	 */
	public static byte[] classifierWithExternalWeights(String location) {
		Message cast = node("Cast", "cast", new String[] { "input_ids" }, "x").message(5,
				new Message().string(1, "to").varint(20, 2).varint(3, FLOAT));
		Message mean = node("ReduceMean", "mean", new String[] { "x" }, "m").message(5,
				new Message().string(1, "axes").varint(20, 7).varint(8, 1));
		Message mul = node("Mul", "mul", new String[] { "m", "w" }, OUTPUT);
		Message graph = new Message().message(1, cast)
			.message(1, mean)
			.message(1, mul)
			.string(2, "classifier")
			.message(5, externalTensor("w", FLOAT, 2, location))
			.message(11, input())
			.message(12, floatOutput(OUTPUT));
		return model(graph);
	}

	/**
	 * Float32 values, little-endian, as ONNX stores raw tensor data.
	 * @param values the values
	 * @return their bytes
	 */
	public static byte[] floats(float... values) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		for (float value : values) {
			buffer.putFloat(value);
		}
		return buffer.array();
	}

	/**
	 * A model whose output is the bytes of an external file as floats: an initializer of
	 * {@code length} uint8 values at {@code location}, cast to float. Served as it is,
	 * such a model answers with the content of whatever file {@code location} names.
	 * @param tensor the initializer's name
	 * @param location the {@code location} of its data
	 * @param length how many bytes it reads
	 * @return the model's bytes
	 */
	public static byte[] leakingInitializer(String tensor, String location, int length) {
		Message cast = node("Cast", "cast", new String[] { tensor }, OUTPUT).message(5,
				new Message().string(1, "to").varint(20, 2).varint(3, FLOAT));
		Message graph = new Message().message(1, cast)
			.string(2, "leak")
			.message(5, externalTensor(tensor, UINT8, length, location))
			.message(11, input())
			.message(12, floatOutput(OUTPUT));
		return model(graph);
	}

	/**
	 * A model whose external tensor hides in the {@code value} attribute of a
	 * {@code Constant} node inside the {@code then_branch} subgraph of an {@code If}
	 * node.
	 * @param tensor the hidden tensor's name
	 * @param location the {@code location} of its data
	 * @return the model's bytes
	 */
	public static byte[] externalTensorInSubgraph(String tensor, String location) {
		Message constant = node("Constant", "hidden", new String[0], "c").message(5,
				new Message().string(1, "value").varint(20, 4).message(5, externalTensor(tensor, FLOAT, 1, location)));
		Message branch = new Message().message(1, constant).string(2, "then").message(12, floatOutput("c"));
		Message ifNode = node("If", "if", new String[] { "cond" }, OUTPUT)
			.message(5, new Message().string(1, "then_branch").varint(20, 5).message(6, branch))
			.message(5, new Message().string(1, "else_branch").varint(20, 5).message(6, branch));
		Message graph = new Message().message(1, ifNode).string(2, "nested").message(11, input());
		return model(graph);
	}

	/** Where in a model {@link #externalTensorAt} puts its external tensor. */
	public enum TensorPlace {

		/** A sparse initializer's values. */
		SPARSE_INITIALIZER_VALUES,
		/** A sparse initializer's indices. */
		SPARSE_INITIALIZER_INDICES,
		/** A node attribute's list of tensors. */
		ATTRIBUTE_TENSORS,
		/** A node attribute's sparse tensor. */
		ATTRIBUTE_SPARSE_TENSOR,
		/** A node attribute's list of sparse tensors. */
		ATTRIBUTE_SPARSE_TENSORS,
		/** An initializer of a graph in a node attribute's list of graphs. */
		ATTRIBUTE_GRAPHS,
		/** An initializer of a training info's initialization graph. */
		TRAINING_INITIALIZATION,
		/** An initializer of a training info's algorithm graph. */
		TRAINING_ALGORITHM,
		/** A tensor attribute of a node of a model-local function. */
		FUNCTION_NODE,
		/** A tensor in a model-local function's attribute defaults. */
		FUNCTION_ATTRIBUTE

	}

	/**
	 * A model with one external tensor at a place of the ONNX format that can hold
	 * tensors, other than a graph's initializers (see {@link #leakingInitializer}) and a
	 * subgraph's constant (see {@link #externalTensorInSubgraph}); meant to be inspected,
	 * not run.
	 * @param place where the tensor is
	 * @param tensor the tensor's name
	 * @param location the {@code location} of its data
	 * @return the model's bytes
	 */
	public static byte[] externalTensorAt(TensorPlace place, String tensor, String location) {
		Message external = externalTensor(tensor, FLOAT, 1, location);
		Message graph = new Message().string(2, "placed").message(11, input()).message(12, floatOutput(OUTPUT));
		Message model = new Message();
		switch (place) {
			case SPARSE_INITIALIZER_VALUES -> graph.message(15, new Message().message(1, external));
			case SPARSE_INITIALIZER_INDICES -> graph.message(15, new Message().message(2, external));
			case ATTRIBUTE_TENSORS -> graph.message(1, nodeWith(new Message().string(1, "t").message(10, external)));
			case ATTRIBUTE_SPARSE_TENSOR -> graph.message(1,
					nodeWith(new Message().string(1, "s").message(22, new Message().message(1, external))));
			case ATTRIBUTE_SPARSE_TENSORS -> graph.message(1,
					nodeWith(new Message().string(1, "s").message(23, new Message().message(1, external))));
			case ATTRIBUTE_GRAPHS -> graph.message(1, nodeWith(
					new Message().string(1, "g").message(11, new Message().string(2, "g").message(5, external))));
			case TRAINING_INITIALIZATION ->
				model.message(20, new Message().message(1, new Message().string(2, "init").message(5, external)));
			case TRAINING_ALGORITHM ->
				model.message(20, new Message().message(2, new Message().string(2, "step").message(5, external)));
			case FUNCTION_NODE -> model.message(25, new Message().string(1, "f")
				.message(7, nodeWith(new Message().string(1, "value").message(5, external))));
			case FUNCTION_ATTRIBUTE -> model.message(25,
					new Message().string(1, "f").message(11, new Message().string(1, "v").message(5, external)));
		}
		return new Message().varint(1, 8)
			.string(2, "tango-tests")
			.message(7, graph)
			.message(8, new Message().string(1, "").varint(2, 17))
			.append(model)
			.bytes();
	}

	/**
	 * A model that declares its output {@value #OUTPUT} with shape
	 * {@code [batch, width]}, as an exported classifier of {@code width} labels does (it
	 * is meant to be inspected, not run).
	 * @param width the declared number of classes
	 * @return the model's bytes
	 */
	public static byte[] declaringClassifierWidth(int width) {
		Message cast = node("Cast", "cast", new String[] { "input_ids" }, OUTPUT).message(5,
				new Message().string(1, "to").varint(20, 2).varint(3, FLOAT));
		Message shape = new Message().message(1, new Message().string(2, "batch"))
			.message(1, new Message().varint(1, width));
		Message output = new Message().string(1, OUTPUT)
			.message(2, new Message().message(1, new Message().varint(1, FLOAT).message(2, shape)));
		Message graph = new Message().message(1, cast).string(2, "classifier").message(11, input()).message(12, output);
		return model(graph);
	}

	/**
	 * Writes model bytes to a file.
	 * @param file the file
	 * @param bytes the bytes
	 * @return the file
	 */
	public static Path write(Path file, byte[] bytes) {
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Message externalTensor(String name, int dataType, long length, String location) {
		return new Message().varint(1, length)
			.varint(2, dataType)
			.string(8, name)
			.message(13, new Message().string(1, "location").string(2, location))
			.varint(14, 1);
	}

	private static Message node(String op, String name, String[] inputs, String output) {
		Message node = new Message();
		for (String input : inputs) {
			node.string(1, input);
		}
		return node.string(2, output).string(3, name).string(4, op);
	}

	private static Message nodeWith(Message attribute) {
		return node("Identity", "holder", new String[] { "input_ids" }, "held").message(5, attribute);
	}

	private static Message input() {
		Message shape = new Message().message(1, new Message().string(2, "batch"))
			.message(1, new Message().string(2, "tokens"));
		Message type = new Message().message(1, new Message().varint(1, INT64).message(2, shape));
		return new Message().string(1, "input_ids").message(2, type);
	}

	private static Message floatOutput(String name) {
		return new Message().string(1, name).message(2, new Message().message(1, new Message().varint(1, FLOAT)));
	}

	private static byte[] model(Message graph) {
		return new Message().varint(1, 8)
			.string(2, "tango-tests")
			.message(7, graph)
			.message(8, new Message().string(1, "").varint(2, 17))
			.bytes();
	}

	/** A protobuf message under construction. */
	private static final class Message {

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		private final CodedOutputStream out = CodedOutputStream.newInstance(this.buffer);

		Message varint(int field, long value) {
			return write(() -> this.out.writeInt64(field, value));
		}

		Message string(int field, String value) {
			return write(() -> this.out.writeString(field, value));
		}

		Message message(int field, Message value) {
			return write(() -> this.out.writeByteArray(field, value.bytes()));
		}

		Message append(Message fields) {
			return write(() -> this.out.writeRawBytes(fields.bytes()));
		}

		byte[] bytes() {
			write(() -> {
			});
			return this.buffer.toByteArray();
		}

		private Message write(Write write) {
			try {
				write.run();
				this.out.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return this;
		}

	}

	@FunctionalInterface
	private interface Write {

		void run() throws IOException;

	}

}
