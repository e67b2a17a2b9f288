package dev.tango.runtime.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense float tensor in row-major order.
 *
 * @param data the values, {@code product(shape)} of them
 * @param shape the dimensions
 */
public record FloatTensor(float[] data, long[] shape) {

	public FloatTensor {
		Objects.requireNonNull(data, "data");
		Objects.requireNonNull(shape, "shape");
		long size = 1;
		for (long dim : shape) {
			size *= dim;
		}
		if (size != data.length) {
			throw new IllegalArgumentException(
					"Shape " + Arrays.toString(shape) + " does not hold " + data.length + " values");
		}
	}

	/**
	 * Returns the size of one dimension.
	 * @param axis the dimension's index
	 * @return its size
	 */
	public int dim(int axis) {
		return Math.toIntExact(this.shape[axis]);
	}

	/**
	 * Returns the number of dimensions.
	 * @return the rank
	 */
	public int rank() {
		return this.shape.length;
	}

}
