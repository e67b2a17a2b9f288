package dev.tango.admin.dataset;

import java.util.List;
import java.util.Locale;

/**
 * What still reads a data set: the jobs, queued or running, whose parameters name it or
 * that stored it themselves ({@link DatasetNames#storingJob}). The job queue implements
 * this port; {@link DatasetDeletion} asks it in the transaction that deletes a data set,
 * while that data set's row is locked, so that no job queued meanwhile can be missed.
 */
public interface DatasetReaders {

	/**
	 * Returns the queued and running jobs that read a data set. Called in a transaction
	 * that holds the data set's row locked; a job queued for it either committed before
	 * (and is seen) or waits for that lock and then finds the data set gone.
	 * @param datasetId the data set
	 * @param name its name, which says which job stored it, if one did
	 * @return the jobs, oldest first; empty if none reads it
	 */
	List<Reader> readersOf(long datasetId, String name);

	/**
	 * A job that reads, or may read, a data set.
	 *
	 * @param jobId the job
	 * @param kind the name of its kind
	 * @param status its state, {@code QUEUED} or {@code RUNNING}
	 * @param kindKnown {@code false} if this instance does not know the job's kind (only
	 * other instances run it), so that it cannot tell which data sets the job reads: such
	 * a job is taken to read every one
	 */
	record Reader(long jobId, String kind, String status, boolean kindKnown) {

		/**
		 * Describes the job for people.
		 * @return such as {@code job 12 (FIT_HEAD, queued)}
		 */
		public String describe() {
			return "job " + this.jobId + " (" + this.kind + ", " + this.status.toLowerCase(Locale.ROOT)
					+ (this.kindKnown ? "" : ", a kind this instance does not run, so it may read any data set") + ")";
		}

	}

}
