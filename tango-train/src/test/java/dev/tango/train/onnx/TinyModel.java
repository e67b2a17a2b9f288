package dev.tango.train.onnx;

import java.io.IOException;

import com.google.protobuf.ByteString;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * Encodes a small ONNX model by hand, field by field: {@code Y = MatMul(X, W) + B} with
 * {@code X} a float input of shape {@code [rows, k]}, {@code W} of shape {@code [k, n]}
 * stored in {@code float_data} and {@code B} of shape {@code [n]} stored in
 * {@code raw_data}. The encoding is written here independently of the code under test.
 */
public final class TinyModel {

	private TinyModel() {
	}

	public static ByteString matMulAdd(int rows, int k, int n, float[] w, float[] b) throws IOException {
		ByteString graph = WireField.encode((out) -> {
			out.writeBytes(1, node("MatMul", "mm", new String[] { "X", "W" }, "XW"));
			out.writeBytes(1, node("Add", "add", new String[] { "XW", "B" }, "Y"));
			out.writeString(2, "tiny");
			out.writeBytes(5, WireField.encode((t) -> {
				t.writeInt64(1, k);
				t.writeInt64(1, n);
				t.writeInt32(2, 1);
				t.writeTag(4, 2);
				t.writeUInt32NoTag(4 * w.length);
				for (float value : w) {
					t.writeFloatNoTag(value);
				}
				t.writeString(8, "W");
			}));
			out.writeBytes(5, WireField.encode((t) -> {
				t.writeInt64(1, n);
				t.writeInt32(2, 1);
				t.writeString(8, "B");
				byte[] raw = new byte[4 * b.length];
				for (int i = 0; i < b.length; i++) {
					int bits = Float.floatToIntBits(b[i]);
					for (int j = 0; j < 4; j++) {
						raw[4 * i + j] = (byte) (bits >>> (8 * j));
					}
				}
				t.writeByteArray(9, raw);
			}));
			out.writeBytes(11, valueInfo("X", rows, k));
			out.writeBytes(12, valueInfo("Y", rows, n));
		});
		return WireField.encode((out) -> {
			out.writeInt64(1, 8);
			out.writeString(2, "tango-test");
			out.writeBytes(7, graph);
			out.writeBytes(8, WireField.encode((o) -> {
				o.writeString(1, "");
				o.writeInt64(2, 13);
			}));
		});
	}

	/**
	 * Encodes a {@code NodeProto}.
	 * @param op the operator
	 * @param name the node's name
	 * @param inputs the names of its inputs
	 * @param output the name of its output
	 * @param attributes its encoded {@code AttributeProto}s
	 * @return the node
	 */
	public static ByteString node(String op, String name, String[] inputs, String output, ByteString... attributes) {
		return WireField.encode((out) -> {
			for (String input : inputs) {
				out.writeString(1, input);
			}
			out.writeString(2, output);
			out.writeString(3, name);
			out.writeString(4, op);
			for (ByteString attribute : attributes) {
				out.writeBytes(5, attribute);
			}
		});
	}

	private static ByteString valueInfo(String name, long... dims) throws IOException {
		ByteString shape = WireField.encode((s) -> {
			for (long dim : dims) {
				s.writeBytes(1, WireField.encode((d) -> d.writeInt64(1, dim)));
			}
		});
		ByteString tensorType = WireField.encode((t) -> {
			t.writeInt32(1, 1);
			t.writeBytes(2, shape);
		});
		return WireField.encode((v) -> {
			v.writeString(1, name);
			v.writeBytes(2, WireField.encode((type) -> type.writeBytes(1, tensorType)));
		});
	}

}
