package dev.tango.runtime.classifier;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a tiny but real ONNX sequence classifier, encoding the protobuf by hand: token
 * embeddings averaged over the attention mask, then a linear layer.
 *
 * <pre>
 * E = Gather(embedding, input_ids)                  [B, T, H]
 * M = Unsqueeze(Cast(attention_mask, float), 2)     [B, T, 1]
 * mean = ReduceSum(E * M, axis 1) / ReduceSum(M, 1) [B, H]
 * logits = MatMul(mean, weight) + bias              [B, C]
 * </pre> Opset 13, IR version 7. The weights are random for a seed and exposed so that
 * tests can compute the expected logits.
 */
final class TinyOnnxClassifier {

	static final int FLOAT = 1;

	static final int INT64 = 7;

	final float[][] embedding;

	final float[][] weight;

	final float[] bias;

	TinyOnnxClassifier(int vocabulary, int hidden, int classes, long seed) {
		Random random = new Random(seed);
		this.embedding = new float[vocabulary][hidden];
		for (float[] row : this.embedding) {
			for (int h = 0; h < hidden; h++) {
				row[h] = (float) random.nextGaussian();
			}
		}
		this.weight = new float[hidden][classes];
		for (float[] row : this.weight) {
			for (int c = 0; c < classes; c++) {
				row[c] = (float) random.nextGaussian();
			}
		}
		this.bias = new float[classes];
		for (int c = 0; c < classes; c++) {
			this.bias[c] = (float) random.nextGaussian();
		}
	}

	/** Returns the logits the model computes for one sequence of token ids. */
	float[] expectedLogits(long[] ids) {
		int hidden = this.weight.length;
		double[] mean = new double[hidden];
		for (long id : ids) {
			for (int h = 0; h < hidden; h++) {
				mean[h] += this.embedding[(int) id][h] / (double) ids.length;
			}
		}
		float[] logits = new float[this.bias.length];
		for (int c = 0; c < logits.length; c++) {
			double sum = this.bias[c];
			for (int h = 0; h < hidden; h++) {
				sum += mean[h] * this.weight[h][c];
			}
			logits[c] = (float) sum;
		}
		return logits;
	}

	/**
	 * Writes the model.
	 * @param file where to write
	 * @param secondInput the name of the mask input ({@code attention_mask} normally)
	 * @param output the output's name ({@code logits} normally)
	 */
	void write(Path file, String secondInput, String output) throws IOException {
		int vocabulary = this.embedding.length;
		int hidden = this.weight.length;
		int classes = this.bias.length;
		Proto graph = new Proto();
		graph.message(1, node("Gather", new String[] { "embedding", "input_ids" }, "E"));
		graph.message(1, node("Cast", new String[] { secondInput }, "Mf", intAttribute("to", FLOAT)));
		graph.message(1, node("Unsqueeze", new String[] { "Mf", "axis2" }, "M3"));
		graph.message(1, node("Mul", new String[] { "E", "M3" }, "EM"));
		graph.message(1, node("ReduceSum", new String[] { "EM", "axis1" }, "S", intAttribute("keepdims", 0)));
		graph.message(1, node("ReduceSum", new String[] { "Mf", "axis1" }, "N", intAttribute("keepdims", 1)));
		graph.message(1, node("Div", new String[] { "S", "N" }, "mean"));
		graph.message(1, node("MatMul", new String[] { "mean", "weight" }, "L"));
		graph.message(1, node("Add", new String[] { "L", "bias" }, output));
		graph.string(2, "tiny-classifier");
		graph.message(5, floatTensor("embedding", flatten(this.embedding), vocabulary, hidden));
		graph.message(5, floatTensor("weight", flatten(this.weight), hidden, classes));
		graph.message(5, floatTensor("bias", this.bias, classes));
		graph.message(5, longTensor("axis1", 1));
		graph.message(5, longTensor("axis2", 2));
		graph.message(11, valueInfo("input_ids", INT64, "batch", "sequence"));
		graph.message(11, valueInfo(secondInput, INT64, "batch", "sequence"));
		graph.message(12, valueInfo(output, FLOAT, "batch", Integer.toString(classes)));
		Proto opset = new Proto();
		opset.string(1, "");
		opset.varint(2, 13);
		Proto model = new Proto();
		model.varint(1, 7);
		model.string(2, "tango-tests");
		model.message(7, graph);
		model.message(8, opset);
		Files.write(file, model.bytes());
	}

	private static Proto node(String op, String[] inputs, String output, Proto... attributes) {
		Proto node = new Proto();
		for (String input : inputs) {
			node.string(1, input);
		}
		node.string(2, output);
		node.string(3, op + "_" + output);
		node.string(4, op);
		for (Proto attribute : attributes) {
			node.message(5, attribute);
		}
		return node;
	}

	private static Proto intAttribute(String name, long value) {
		Proto attribute = new Proto();
		attribute.string(1, name);
		attribute.varint(3, value);
		attribute.varint(20, 2);
		return attribute;
	}

	private static Proto floatTensor(String name, float[] values, long... dims) {
		ByteBuffer raw = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		raw.asFloatBuffer().put(values);
		return tensor(name, FLOAT, raw.array(), dims);
	}

	private static Proto longTensor(String name, long value) {
		ByteBuffer raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value);
		return tensor(name, INT64, raw.array(), 1);
	}

	private static Proto tensor(String name, int type, byte[] raw, long... dims) {
		Proto tensor = new Proto();
		for (long dim : dims) {
			tensor.varint(1, dim);
		}
		tensor.varint(2, type);
		tensor.string(8, name);
		tensor.bytes(9, raw);
		return tensor;
	}

	private static Proto valueInfo(String name, int type, String... dims) {
		Proto shape = new Proto();
		for (String dim : dims) {
			Proto dimension = new Proto();
			if (dim.chars().allMatch(Character::isDigit)) {
				dimension.varint(1, Long.parseLong(dim));
			}
			else {
				dimension.string(2, dim);
			}
			shape.message(1, dimension);
		}
		Proto tensorType = new Proto();
		tensorType.varint(1, type);
		tensorType.message(2, shape);
		Proto typeProto = new Proto();
		typeProto.message(1, tensorType);
		Proto info = new Proto();
		info.string(1, name);
		info.message(2, typeProto);
		return info;
	}

	private static float[] flatten(float[][] matrix) {
		float[] flat = new float[matrix.length * matrix[0].length];
		for (int i = 0; i < matrix.length; i++) {
			System.arraycopy(matrix[i], 0, flat, i * matrix[0].length, matrix[0].length);
		}
		return flat;
	}

	/** A protobuf message under construction: varint and length-delimited fields only. */
	static final class Proto {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		void varint(int field, long value) {
			writeVarint(((long) field << 3) | 0);
			writeVarint(value);
		}

		void bytes(int field, byte[] value) {
			writeVarint(((long) field << 3) | 2);
			writeVarint(value.length);
			this.out.writeBytes(value);
		}

		void string(int field, String value) {
			bytes(field, value.getBytes(StandardCharsets.UTF_8));
		}

		void message(int field, Proto value) {
			bytes(field, value.bytes());
		}

		byte[] bytes() {
			return this.out.toByteArray();
		}

		private void writeVarint(long value) {
			long v = value;
			while ((v & ~0x7FL) != 0) {
				this.out.write((int) ((v & 0x7F) | 0x80));
				v >>>= 7;
			}
			this.out.write((int) v);
		}

	}

}
