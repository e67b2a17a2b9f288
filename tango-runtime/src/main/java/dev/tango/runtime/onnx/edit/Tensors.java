package dev.tango.runtime.onnx.edit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.google.protobuf.ByteString;

/**
 * Writes new ONNX {@code TensorProto} messages: initializers that a graph edit adds.
 * Stateless.
 */
public final class Tensors {

	/** {@code TensorProto.DataType.FLOAT}. */
	public static final int FLOAT = 1;

	/** {@code TensorProto.DataType.UINT8}. */
	public static final int UINT8 = 2;

	/** {@code TensorProto.DataType.INT64}. */
	public static final int INT64 = 7;

	private static final int DIMS = 1;

	private static final int DATA_TYPE = 2;

	private static final int NAME = 8;

	private static final int RAW_DATA = 9;

	private Tensors() {
	}

	/**
	 * Encodes a new tensor with raw little-endian data.
	 * @param name the name
	 * @param dataType the {@code TensorProto.DataType} code
	 * @param dims the shape; empty for a scalar
	 * @param rawData the data
	 * @return the encoded {@code TensorProto}
	 */
	public static ByteString encode(String name, int dataType, long[] dims, ByteString rawData) {
		return WireField.encode((coded) -> {
			for (long dim : dims) {
				coded.writeInt64(DIMS, dim);
			}
			coded.writeInt32(DATA_TYPE, dataType);
			coded.writeString(NAME, name);
			coded.writeBytes(RAW_DATA, rawData);
		});
	}

	/**
	 * Encodes float32 values little-endian.
	 * @param values the values
	 * @return the bytes
	 */
	public static ByteString littleEndian(float... values) {
		ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asFloatBuffer().put(values);
		return ByteString.copyFrom(buffer.array());
	}

	/**
	 * Encodes int64 values little-endian.
	 * @param values the values
	 * @return the bytes
	 */
	public static ByteString littleEndian(long... values) {
		ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
		buffer.asLongBuffer().put(values);
		return ByteString.copyFrom(buffer.array());
	}

}
