package dev.tango.train.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far apart two sets of numbers are, for tests comparing weights, logits or
 * embeddings.
 */
public final class Differences {

	private Differences() {
	}

	/**
	 * Returns the largest absolute difference between two arrays of rows of the same
	 * shape, asserting that they have it.
	 * @param a the first rows
	 * @param b the second rows
	 * @return {@code max |a[i][j] - b[i][j]|}, 0 for no values
	 */
	public static double maxAbsDifference(float[][] a, float[][] b) {
		assertThat(a.length).isEqualTo(b.length);
		double max = 0;
		for (int i = 0; i < a.length; i++) {
			assertThat(a[i]).hasSameSizeAs(b[i]);
			for (int j = 0; j < a[i].length; j++) {
				max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
			}
		}
		return max;
	}

}
