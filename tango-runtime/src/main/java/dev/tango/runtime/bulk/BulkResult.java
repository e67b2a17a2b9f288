package dev.tango.runtime.bulk;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a bulk run did.
 *
 * @param output the results file
 * @param checkpoint the checkpoint file beside it
 * @param checkpointState the last checkpoint written
 * @param resumedFrom the rows already done when this run started (0 for a fresh run)
 * @param nanos the time this run took
 */
public record BulkResult(Path output, Path checkpoint, BulkCheckpoint checkpointState, long resumedFrom, long nanos) {

	public BulkResult {
		Objects.requireNonNull(output, "output");
		Objects.requireNonNull(checkpoint, "checkpoint");
		Objects.requireNonNull(checkpointState, "checkpointState");
	}

	/**
	 * Returns whether every row is done (rather than the run stopping early).
	 * @return {@code true} when finished
	 */
	public boolean finished() {
		return this.checkpointState.finished();
	}

	/**
	 * Returns the rows whose results are written.
	 * @return the count, from the first row of the input
	 */
	public long rowsDone() {
		return this.checkpointState.rowsDone();
	}

	/**
	 * Returns how many rows each tier answered.
	 * @return the counts, cheapest tier first
	 */
	public List<Long> answeredByTier() {
		return this.checkpointState.answeredByTier();
	}

	/**
	 * Returns this run's rate.
	 * @return rows per second classified by this run; 0 if it classified none
	 */
	public double rowsPerSecond() {
		long rows = rowsDone() - this.resumedFrom;
		return (rows <= 0 || this.nanos <= 0) ? 0 : rows / (this.nanos / 1e9);
	}

}
