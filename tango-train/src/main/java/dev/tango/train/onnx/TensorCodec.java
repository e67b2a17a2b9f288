package dev.tango.train.onnx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.protobuf.ByteString;
import com.google.protobuf.WireFormat;
import dev.tango.runtime.onnx.edit.OnnxFormatException;
import dev.tango.runtime.onnx.edit.WireField;

/**
 * Reads and writes ONNX {@code TensorProto} messages: shape and type, float values from
 * {@code raw_data} (little-endian) or {@code float_data}, the values of small numeric
 * tensors (float, int32, int64, double) as doubles, whether two tensors hold the same
 * values however stored, and tensors with new values. Stateless.
 */
final class TensorCodec {

	private static final int DIMS = 1;

	private static final int DATA_TYPE = 2;

	private static final int FLOAT_DATA = 4;

	private static final int INT32_DATA = 5;

	private static final int INT64_DATA = 7;

	private static final int NAME = 8;

	private static final int RAW_DATA = 9;

	private static final int DOUBLE_DATA = 10;

	private static final int UINT64_DATA = 11;

	private static final int EXTERNAL_DATA = 13;

	private static final int DATA_LOCATION = 14;

	private static final int TYPE_INT32 = 6;

	private static final int TYPE_INT64 = 7;

	private static final int TYPE_DOUBLE = 11;

	private TensorCodec() {
	}

	/**
	 * Describes a tensor.
	 * @param tensor the encoded {@code TensorProto}
	 * @return its name, type and shape
	 * @throws IOException if it cannot be read
	 */
	static Initializer describe(ByteString tensor) throws IOException {
		String name = "";
		int dataType = 0;
		List<Long> dims = new ArrayList<>();
		for (WireField field : WireField.split(tensor)) {
			switch (field.number()) {
				case NAME -> name = field.text();
				case DATA_TYPE -> dataType = (int) field.varint();
				case DIMS -> field.int64s(dims::add);
				default -> {
				}
			}
		}
		return new Initializer(name, dataType, dims.stream().mapToLong(Long::longValue).toArray());
	}

	/**
	 * Reads a float32 tensor's values.
	 * @param tensor the encoded {@code TensorProto}
	 * @return the tensor
	 * @throws OnnxFormatException if it is not float32, keeps its data outside the model,
	 * or holds another number of values than its shape says
	 * @throws IOException if it cannot be read
	 */
	static FloatTensor floats(ByteString tensor) throws IOException {
		Initializer info = describe(tensor);
		if (!info.isFloat()) {
			throw new OnnxFormatException(info.name() + " is not float32 but of type " + info.dataType());
		}
		int count = Math.toIntExact(info.elementCount());
		float[] values = new float[count];
		int filled = 0;
		boolean raw = false;
		for (WireField field : WireField.split(tensor)) {
			switch (field.number()) {
				case RAW_DATA -> {
					ByteString bytes = field.payload();
					if (bytes.size() != 4L * count) {
						throw new OnnxFormatException(
								info.name() + " has " + bytes.size() + " raw bytes for " + count + " float32 values");
					}
					bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
					raw = true;
				}
				case FLOAT_DATA -> filled = readFloats(field, values, filled, info.name());
				case EXTERNAL_DATA, DATA_LOCATION ->
					throw new OnnxFormatException(info.name() + " keeps its data outside the model file");
				default -> {
				}
			}
		}
		if (!raw && filled != count) {
			throw new OnnxFormatException(info.name() + " has " + filled + " float32 values for " + count);
		}
		return new FloatTensor(info.name(), info.dims(), values);
	}

	/**
	 * Returns whether {@link #numbers} reads tensors of a type.
	 * @param dataType the {@code TensorProto.DataType} code
	 * @return {@code true} for float32, int32, int64 and double
	 */
	static boolean isNumeric(int dataType) {
		return dataType == Initializer.FLOAT || dataType == TYPE_INT32 || dataType == TYPE_INT64
				|| dataType == TYPE_DOUBLE;
	}

	/**
	 * Reads a numeric tensor's values as doubles: float32, int32, int64 or double, from
	 * {@code raw_data} or the typed fields. Meant for the small constants of a graph
	 * (shapes, scalars); int64 values beyond 2^53 lose precision.
	 * @param tensor the encoded {@code TensorProto}
	 * @return the values in row-major order
	 * @throws OnnxFormatException if the tensor is of another type, keeps its data
	 * outside the model, or holds another number of values than its shape says
	 * @throws IOException if it cannot be read
	 */
	static double[] numbers(ByteString tensor) throws IOException {
		Initializer info = describe(tensor);
		if (info.isFloat()) {
			float[] floats = floats(tensor).values();
			double[] values = new double[floats.length];
			for (int i = 0; i < floats.length; i++) {
				values[i] = floats[i];
			}
			return values;
		}
		int type = info.dataType();
		if (!isNumeric(type)) {
			throw new OnnxFormatException(info.name() + " is of type " + type + ", not a number type this reads");
		}
		int count = Math.toIntExact(info.elementCount());
		List<Double> values = new ArrayList<>(count);
		for (WireField field : WireField.split(tensor)) {
			switch (field.number()) {
				case RAW_DATA -> {
					ByteBuffer bytes = field.payload().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
					while (bytes.remaining() > 0) {
						values.add(switch (type) {
							case TYPE_INT32 -> (double) bytes.getInt();
							case TYPE_INT64 -> (double) bytes.getLong();
							default -> bytes.getDouble();
						});
					}
				}
				case INT32_DATA, INT64_DATA -> field.int64s((value) -> values.add((double) value));
				case DOUBLE_DATA -> {
					ByteBuffer bytes = field.payload().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
					while (bytes.remaining() >= 8) {
						values.add(bytes.getDouble());
					}
				}
				case EXTERNAL_DATA, DATA_LOCATION ->
					throw new OnnxFormatException(info.name() + " keeps its data outside the model file");
				default -> {
				}
			}
		}
		if (values.size() != count) {
			throw new OnnxFormatException(info.name() + " has " + values.size() + " values for " + count);
		}
		return values.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/**
	 * Returns whether two tensors hold the same name, type, shape and values, however
	 * each stores them ({@code raw_data} or the typed fields). Float32 values are
	 * compared bit for bit; 8-bit integers (uint8, int8) byte for byte; int32, int64 and
	 * double by value.
	 * @param first an encoded {@code TensorProto}
	 * @param second another
	 * @return {@code true} if they hold the same values; {@code false} for tensors of
	 * other types that are not byte for byte equal
	 * @throws IOException if a tensor cannot be read
	 */
	static boolean sameValues(ByteString first, ByteString second) throws IOException {
		if (first.equals(second)) {
			return true;
		}
		Initializer info = describe(first);
		if (!info.equals(describe(second))) {
			return false;
		}
		if (info.isFloat()) {
			return Arrays.equals(floats(first).values(), floats(second).values());
		}
		if (info.dataType() == Initializer.UINT8 || info.dataType() == Initializer.INT8) {
			return Arrays.equals(eightBit(first, info), eightBit(second, info));
		}
		return isNumeric(info.dataType()) && Arrays.equals(numbers(first), numbers(second));
	}

	/**
	 * Reads an 8-bit tensor's values, from {@code raw_data} (a byte each) or
	 * {@code int32_data} (the values, packed or not).
	 */
	private static byte[] eightBit(ByteString tensor, Initializer info) throws IOException {
		int count = Math.toIntExact(info.elementCount());
		byte[] values = new byte[count];
		int filled = 0;
		for (WireField field : WireField.split(tensor)) {
			switch (field.number()) {
				case RAW_DATA -> {
					ByteString bytes = field.payload();
					filled = bytes.size();
					if (filled == count) {
						bytes.copyTo(values, 0);
					}
				}
				case INT32_DATA -> {
					List<Long> ints = new ArrayList<>();
					field.int64s(ints::add);
					for (long value : ints) {
						if (filled < count) {
							values[filled] = (byte) value;
						}
						filled++;
					}
				}
				case EXTERNAL_DATA, DATA_LOCATION ->
					throw new OnnxFormatException(info.name() + " keeps its data outside the model file");
				default -> {
				}
			}
		}
		if (filled != count) {
			throw new OnnxFormatException(info.name() + " has " + filled + " 8-bit values for " + count);
		}
		return values;
	}

	/**
	 * Re-encodes a tensor with new data: every field is copied in order except the data,
	 * which becomes one {@code raw_data} field where the first data field was.
	 * @param tensor the encoded {@code TensorProto}
	 * @param rawData the new data, little-endian, as many bytes as the old data held
	 * @return the new encoded tensor
	 * @throws IOException if the tensor cannot be read
	 */
	static ByteString withRawData(ByteString tensor, ByteString rawData) throws IOException {
		ByteString.Output out = ByteString.newOutput(tensor.size() + 16);
		boolean written = false;
		for (WireField field : WireField.split(tensor)) {
			if (isData(field.number())) {
				if (!written) {
					WireField.of(RAW_DATA, rawData).encoded().writeTo(out);
					written = true;
				}
			}
			else {
				field.encoded().writeTo(out);
			}
		}
		if (!written) {
			WireField.of(RAW_DATA, rawData).encoded().writeTo(out);
		}
		return out.toByteString();
	}

	private static boolean isData(int number) {
		return number == FLOAT_DATA || number == INT32_DATA || number == INT64_DATA || number == RAW_DATA
				|| number == DOUBLE_DATA || number == UINT64_DATA;
	}

	private static int readFloats(WireField field, float[] values, int filled, String name) throws IOException {
		if (field.wireType() == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
			ByteString bytes = field.payload();
			int count = bytes.size() / 4;
			if (filled + count > values.length) {
				throw new OnnxFormatException(name + " has more float32 values than its shape " + values.length);
			}
			bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values, filled, count);
			return filled + count;
		}
		if (filled >= values.length) {
			throw new OnnxFormatException(name + " has more float32 values than its shape " + values.length);
		}
		values[filled] = field.float32();
		return filled + 1;
	}

}
