package dev.tango.runtime.bulk;

/**
 * How far a bulk run has got, told after every chunk.
 *
 * @param rowsDone the rows whose results are written, from the first row of the input
 * @param rowsTotal the rows of the input
 * @param resumedFrom the rows already done when this run started (0 for a fresh run)
 * @param nanos the time this run has taken so far
 */
public record BulkProgress(long rowsDone, long rowsTotal, long resumedFrom, long nanos) {

	/**
	 * Returns this run's rate.
	 * @return rows per second classified by this run; 0 before any
	 */
	public double rowsPerSecond() {
		long rows = this.rowsDone - this.resumedFrom;
		return (rows <= 0 || this.nanos <= 0) ? 0 : rows / (this.nanos / 1e9);
	}

	/**
	 * Returns the estimated time left at this run's rate.
	 * @return seconds, or {@code NaN} before any row
	 */
	public double secondsLeft() {
		double rate = rowsPerSecond();
		return (rate > 0) ? (this.rowsTotal - this.rowsDone) / rate : Double.NaN;
	}

}
