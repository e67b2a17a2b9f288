package dev.tango.bench.triton;

import java.util.Arrays;
import java.util.Locale;

/**
 * One input or output of an ONNX model as Triton's model configuration names it.
 *
 * @param name the tensor's name in the model
 * @param dataType Triton's data type, such as {@code TYPE_INT64} or {@code TYPE_FP32}
 * @param shape the model's declared shape, {@code -1} for each dynamic dimension (the
 * batch dimension included)
 */
public record TensorSignature(String name, String dataType, long[] shape) {

	public TensorSignature {
		shape = shape.clone();
	}

	/**
	 * Returns Triton's name of an ONNX element type.
	 * @param onnxType the ONNX element type's name without its prefix, such as
	 * {@code FLOAT} or {@code INT64}
	 * @return the Triton data type
	 * @throws IllegalArgumentException for types Triton's ONNX Runtime backend does not
	 * take
	 */
	public static String tritonType(String onnxType) {
		return switch (onnxType.toUpperCase(Locale.ROOT)) {
			case "FLOAT" -> "TYPE_FP32";
			case "DOUBLE" -> "TYPE_FP64";
			case "FLOAT16" -> "TYPE_FP16";
			case "BFLOAT16" -> "TYPE_BF16";
			case "BOOL" -> "TYPE_BOOL";
			case "STRING" -> "TYPE_STRING";
			case "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64" ->
				"TYPE_" + onnxType.toUpperCase(Locale.ROOT);
			default -> throw new IllegalArgumentException("ONNX element type " + onnxType + " has no Triton type");
		};
	}

	/**
	 * Returns whether the first dimension is dynamic, so that Triton may batch along it.
	 * @return {@code true} for a dynamic leading dimension
	 */
	public boolean batchable() {
		return this.shape.length > 0 && this.shape[0] < 0;
	}

	/**
	 * Returns the dimensions Triton's configuration lists.
	 * @param batched whether the configuration batches (then the leading dimension is
	 * left out)
	 * @return the dimensions, {@code -1} for dynamic ones
	 */
	public long[] dims(boolean batched) {
		return batched ? Arrays.copyOfRange(this.shape, 1, this.shape.length) : this.shape.clone();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TensorSignature that && this.name.equals(that.name)
				&& this.dataType.equals(that.dataType) && Arrays.equals(this.shape, that.shape);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.name.hashCode() + this.dataType.hashCode()) + Arrays.hashCode(this.shape);
	}

	@Override
	public String toString() {
		return this.name + " " + this.dataType + " " + Arrays.toString(this.shape);
	}

}
