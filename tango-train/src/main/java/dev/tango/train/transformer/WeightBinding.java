package dev.tango.train.transformer;

import java.util.Arrays;

/**
 * Where one encoder parameter sits in an ONNX graph, and how its values are laid out
 * there.
 *
 * @param parameter the parameter's state-dictionary name, such as
 * {@code encoder.layer.0.attention.self.query.weight}
 * @param parameterShape the parameter's shape (PyTorch layout: dense weights
 * {@code [out, in]}); not to be modified
 * @param initializer the ONNX initializer's name, such as {@code onnx::MatMul_787}
 * @param onnxShape the initializer's shape; not to be modified
 * @param layout how the initializer holds the parameter's values
 */
public record WeightBinding(String parameter, long[] parameterShape, String initializer, long[] onnxShape,
		Layout layout) {

	/** How an initializer holds a parameter's values. */
	public enum Layout {

		/** Same shape, same row-major order. */
		AS_IS,

		/**
		 * The transposed matrix: the parameter is {@code [out, in]} and the initializer,
		 * the right operand of a {@code MatMul}, is {@code [in, out]}.
		 */
		TRANSPOSED

	}

	/**
	 * Turns the initializer's values into the parameter's.
	 * @param onnxValues the initializer's values, row-major in {@link #onnxShape()}
	 * @return the parameter's values, row-major in {@link #parameterShape()}; a new array
	 * if transposed
	 */
	public float[] toParameter(float[] onnxValues) {
		return reorder(onnxValues, this.onnxShape);
	}

	/**
	 * Turns the parameter's values into the initializer's.
	 * @param parameterValues the parameter's values, row-major in
	 * {@link #parameterShape()}
	 * @return the initializer's values, row-major in {@link #onnxShape()}; a new array if
	 * transposed
	 */
	public float[] toOnnx(float[] parameterValues) {
		return reorder(parameterValues, this.parameterShape);
	}

	private float[] reorder(float[] values, long[] fromShape) {
		long count = Arrays.stream(fromShape).reduce(1, Math::multiplyExact);
		if (values.length != count) {
			throw new IllegalArgumentException(
					this.parameter + ": " + values.length + " values for shape " + Arrays.toString(fromShape));
		}
		if (this.layout == Layout.AS_IS) {
			return values;
		}
		int rows = (int) fromShape[0];
		int columns = (int) fromShape[1];
		float[] transposed = new float[values.length];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				transposed[c * rows + r] = values[r * columns + c];
			}
		}
		return transposed;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WeightBinding that && this.parameter.equals(that.parameter)
				&& Arrays.equals(this.parameterShape, that.parameterShape) && this.initializer.equals(that.initializer)
				&& Arrays.equals(this.onnxShape, that.onnxShape) && this.layout == that.layout;
	}

	@Override
	public int hashCode() {
		return 31 * this.parameter.hashCode() + this.initializer.hashCode();
	}

	@Override
	public String toString() {
		return this.parameter + " " + Arrays.toString(this.parameterShape) + " <- " + this.initializer + " "
				+ Arrays.toString(this.onnxShape) + " " + this.layout;
	}

}
