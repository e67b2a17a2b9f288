package dev.tango.train.transformer;

import java.util.Arrays;

import dev.tango.train.onnx.FloatTensor;
import dev.tango.train.onnx.ParameterNames.OnnxParameter;

/**
 * Where one encoder parameter sits in an ONNX graph, and how its values are laid out
 * there.
 *
 * @param parameter the parameter's state-dictionary name, such as
 * {@code encoder.layer.0.attention.self.query.weight}
 * @param parameterShape the parameter's shape (PyTorch layout: dense weights
 * {@code [out, in]}); not to be modified
 * @param onnx the initializer that holds it, such as {@code onnx::MatMul_787}, and
 * whether it holds the transpose ({@code [in, out]}, the right operand of a
 * {@code MatMul})
 */
public record WeightBinding(String parameter, long[] parameterShape, OnnxParameter onnx) {

	/**
	 * Returns the initializer's name.
	 * @return the name
	 */
	public String initializer() {
		return this.onnx.initializer();
	}

	/**
	 * Returns the initializer's shape.
	 * @return the parameter's shape, reversed if the initializer holds the transpose
	 */
	public long[] onnxShape() {
		return this.onnx.transposed() ? new long[] { this.parameterShape[1], this.parameterShape[0] }
				: this.parameterShape.clone();
	}

	/**
	 * Turns the initializer's values into the parameter's.
	 * @param onnxValues the initializer's values, row-major in {@link #onnxShape()}
	 * @return the parameter's values, row-major in {@link #parameterShape()}; a new array
	 * if transposed
	 * @throws IllegalArgumentException if the values do not fill the shape
	 */
	public float[] toParameter(float[] onnxValues) {
		long[] onnxShape = onnxShape();
		if (onnxValues.length != Arrays.stream(onnxShape).reduce(1, Math::multiplyExact)) {
			throw new IllegalArgumentException(
					this.parameter + ": " + onnxValues.length + " values for shape " + Arrays.toString(onnxShape));
		}
		if (!this.onnx.transposed()) {
			return onnxValues;
		}
		int rows = (int) onnxShape[0];
		int columns = (int) onnxShape[1];
		float[] transposed = new float[onnxValues.length];
		for (int r = 0; r < rows; r++) {
			for (int c = 0; c < columns; c++) {
				transposed[c * rows + r] = onnxValues[r * columns + c];
			}
		}
		return transposed;
	}

	/**
	 * Turns the parameter's values into the initializer's tensor, ready to be written
	 * into the graph.
	 * @param parameterValues the parameter's values, row-major in
	 * {@link #parameterShape()}
	 * @return the tensor, named and shaped as the initializer
	 * @throws IllegalArgumentException if the values do not fill the shape
	 */
	public FloatTensor toOnnx(float[] parameterValues) {
		return this.onnx.fromStateDict(this.parameterShape, parameterValues);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WeightBinding that && this.parameter.equals(that.parameter)
				&& Arrays.equals(this.parameterShape, that.parameterShape) && this.onnx.equals(that.onnx);
	}

	@Override
	public int hashCode() {
		return 31 * this.parameter.hashCode() + this.onnx.hashCode();
	}

	@Override
	public String toString() {
		return this.parameter + " " + Arrays.toString(this.parameterShape) + " <- " + this.onnx;
	}

}
