package dev.tango.train.onnx;

/**
 * The arithmetic of 8-bit weight quantisation as ONNX Runtime's dynamic quantisation does
 * it for the bundled int8 encoders: symmetric ranges, values divided by a scale in
 * float32, rounded half to even, shifted by the zero point and clamped. Stateless.
 */
final class Int8Weights {

	/**
	 * The zero point of unsigned values symmetric about zero: the middle of [0, 255],
	 * rounded to even.
	 */
	static final int UNSIGNED_ZERO_POINT = 128;

	private Int8Weights() {
	}

	/**
	 * Quantises a matrix to signed values in {@code [-limit, limit]}, one scale per
	 * column, zero points all 0: each column's largest magnitude maps to {@code limit}.
	 * @param values the matrix, row-major
	 * @param rows its number of rows (the MatMul's inner dimension)
	 * @param columns its number of columns (the output channels)
	 * @param limit the largest magnitude of a quantised value, at most 127
	 * @return the quantised matrix, row-major, and the scale of each column
	 */
	static Quantized perColumnSymmetric(float[] values, int rows, int columns, int limit) {
		float[] scales = new float[columns];
		for (int row = 0; row < rows; row++) {
			for (int column = 0; column < columns; column++) {
				scales[column] = Math.max(scales[column], Math.abs(values[row * columns + column]));
			}
		}
		for (int column = 0; column < columns; column++) {
			scales[column] = scale(scales[column], 2 * limit);
		}
		byte[] quantized = new byte[values.length];
		for (int row = 0; row < rows; row++) {
			for (int column = 0; column < columns; column++) {
				int i = row * columns + column;
				quantized[i] = (byte) clamp(Math.rint(values[i] / scales[column]), -limit, limit);
			}
		}
		return new Quantized(quantized, scales, new byte[columns]);
	}

	/**
	 * Quantises a tensor to unsigned values in {@code [0, 255]} with one scale and zero
	 * point 128: the largest magnitude maps to 127.5 steps either side of the zero point.
	 * @param values the tensor's values
	 * @return the quantised values (unsigned bytes), the scale and the zero point
	 */
	static Quantized perTensorSymmetricUnsigned(float[] values) {
		float largest = 0;
		for (float value : values) {
			largest = Math.max(largest, Math.abs(value));
		}
		float scale = scale(largest, 255);
		int zeroPoint = UNSIGNED_ZERO_POINT;
		byte[] quantized = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			quantized[i] = (byte) clamp(Math.rint(values[i] / scale) + zeroPoint, 0, 255);
		}
		return new Quantized(quantized, new float[] { scale }, new byte[] { (byte) zeroPoint });
	}

	/** The scale that maps {@code [-largest, largest]} onto {@code steps} steps. */
	private static float scale(float largest, int steps) {
		return (largest == 0) ? 1 : (2 * largest) / steps;
	}

	private static double clamp(double value, double min, double max) {
		return Math.max(min, Math.min(max, value));
	}

	/**
	 * Quantised values with their scales and zero points.
	 *
	 * @param values the 8-bit values
	 * @param scales the scales, one per column or one for the tensor
	 * @param zeroPoints the zero points, as many as the scales
	 */
	record Quantized(byte[] values, float[] scales, byte[] zeroPoints) {
	}

}
