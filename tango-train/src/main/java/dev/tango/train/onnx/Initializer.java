package dev.tango.train.onnx;

import java.util.Arrays;

/**
 * What an initializer of a graph is, without its values.
 *
 * @param name the tensor's name
 * @param dataType the {@code TensorProto.DataType} code ({@link #FLOAT} for float32)
 * @param dims the shape, outermost first (empty for a scalar); not to be modified
 */
public record Initializer(String name, int dataType, long[] dims) {

	/** The data type code of 32-bit floats. */
	public static final int FLOAT = 1;

	/** The data type code of unsigned 8-bit integers. */
	public static final int UINT8 = 2;

	/** The data type code of signed 8-bit integers. */
	public static final int INT8 = 3;

	/**
	 * Returns whether the tensor holds 32-bit floats.
	 * @return true for float32
	 */
	public boolean isFloat() {
		return this.dataType == FLOAT;
	}

	/**
	 * Returns the number of elements.
	 * @return the product of the dimensions, 1 for a scalar
	 */
	public long elementCount() {
		long count = 1;
		for (long dim : this.dims) {
			count *= dim;
		}
		return count;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Initializer that && this.name.equals(that.name) && this.dataType == that.dataType
				&& Arrays.equals(this.dims, that.dims);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.name.hashCode() + this.dataType) + Arrays.hashCode(this.dims);
	}

	@Override
	public String toString() {
		return this.name + " type " + this.dataType + " " + Arrays.toString(this.dims);
	}

}
