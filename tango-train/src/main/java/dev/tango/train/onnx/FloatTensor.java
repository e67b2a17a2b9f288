package dev.tango.train.onnx;

import java.util.Arrays;

/**
 * A named float32 tensor: shape and values in row-major order.
 *
 * @param name the tensor's name
 * @param dims the shape, outermost first (empty for a scalar); not to be modified
 * @param values the values, as many as the product of the dimensions; not to be modified
 * by anyone but the owner who made it
 */
public record FloatTensor(String name, long[] dims, float[] values) {

	/**
	 * Checks that the values fill the shape.
	 * @param name the name
	 * @param dims the shape
	 * @param values the values
	 * @throws IllegalArgumentException if the counts differ
	 */
	public FloatTensor {
		long count = 1;
		for (long dim : dims) {
			count *= dim;
		}
		if (count != values.length) {
			throw new IllegalArgumentException(
					name + ": shape " + Arrays.toString(dims) + " holds " + count + " values, not " + values.length);
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof FloatTensor that && this.name.equals(that.name) && Arrays.equals(this.dims, that.dims)
				&& Arrays.equals(this.values, that.values);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.name.hashCode() + Arrays.hashCode(this.dims)) + Arrays.hashCode(this.values);
	}

	@Override
	public String toString() {
		return this.name + " " + Arrays.toString(this.dims);
	}

}
