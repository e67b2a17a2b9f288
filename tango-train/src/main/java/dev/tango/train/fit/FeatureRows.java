package dev.tango.train.fit;

/**
 * The feature vectors of a training set, row by row, as the optimiser reads them.
 * Implementations are immutable and safe to read from several threads.
 */
public interface FeatureRows {

	/**
	 * Returns the number of rows.
	 * @return the count
	 */
	int rows();

	/**
	 * Returns the number of features per row.
	 * @return the dimension
	 */
	int dimension();

	/**
	 * Returns the dot product of a row with a slice of a vector.
	 * @param row the row
	 * @param w the vector
	 * @param offset where the slice of {@link #dimension()} values starts
	 * @return {@code x_row · w[offset, offset + D)}
	 */
	double dot(int row, double[] w, int offset);

	/**
	 * Adds a multiple of a row to a slice of a vector.
	 * @param row the row
	 * @param scale the multiple
	 * @param target the vector
	 * @param offset where the slice of {@link #dimension()} values starts
	 */
	void addTo(int row, double scale, double[] target, int offset);

}
