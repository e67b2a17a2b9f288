package dev.tango.admin.dataset;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A data set cannot be deleted: jobs that are queued or running read it. Nothing was
 * deleted.
 */
public class DatasetInUseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient List<DatasetReaders.Reader> readers;

	/**
	 * Creates the exception.
	 * @param datasetId the data set
	 * @param readers the jobs that read it, at least one
	 */
	public DatasetInUseException(long datasetId, List<DatasetReaders.Reader> readers) {
		super("Data set " + datasetId + " is read by "
				+ readers.stream().map(DatasetReaders.Reader::describe).collect(Collectors.joining(", "))
				+ ((readers.size() == 1) ? ": cancel that job or wait until it has finished"
						: ": cancel those jobs or wait until they have finished")
				+ ", then delete it");
		this.readers = List.copyOf(readers);
	}

	/**
	 * Returns the jobs that read the data set.
	 * @return the jobs, oldest first
	 */
	public List<DatasetReaders.Reader> readers() {
		return this.readers;
	}

}
