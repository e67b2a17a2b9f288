package dev.tango.admin.dataset;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A data set cannot be deleted: jobs that are queued or running read it. Nothing was
 * deleted.
 */
public class DatasetInUseException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** The most jobs the exception names. */
	static final int LISTED = 20;

	private final transient List<DatasetReaders.Reader> readers;

	/**
	 * Creates the exception.
	 * @param datasetId the data set
	 * @param readers the jobs that read it, at least one, oldest first
	 */
	public DatasetInUseException(long datasetId, List<DatasetReaders.Reader> readers) {
		super("Data set " + datasetId + " is read by "
				+ readers.stream().limit(LISTED).map(DatasetReaders.Reader::describe).collect(Collectors.joining(", "))
				+ ((readers.size() > LISTED) ? " and " + (readers.size() - LISTED) + " more jobs" : "")
				+ ((readers.size() == 1) ? ": cancel that job or wait until it has finished"
						: ": cancel those jobs or wait until they have finished")
				+ ", then delete it");
		this.readers = List.copyOf(readers.subList(0, Math.min(LISTED, readers.size())));
	}

	/**
	 * Returns the jobs that read the data set, the oldest {@value #LISTED} of them.
	 * @return the jobs, oldest first
	 */
	public List<DatasetReaders.Reader> readers() {
		return this.readers;
	}

}
