package dev.tango.admin.job;

/**
 * Runs one kind of job. Implementations are stateless beans; the worker calls
 * {@link #run} on one of its threads per attempt.
 *
 * @param <P> the type of the job's parameters, a record read from the submitted JSON
 */
public interface JobHandler<P> {

	/**
	 * Returns the kind of job this handler runs.
	 * @return the kind
	 */
	JobKind kind();

	/**
	 * Returns the type of the parameters.
	 * @return the record type
	 */
	Class<P> parametersType();

	/**
	 * Runs an attempt. It reports progress and checks for cancellation through the
	 * context often (at least every few seconds).
	 * @param parameters the job's parameters
	 * @param context progress, cancellation and who asked
	 * @return the result, written as JSON
	 * @throws JobFailedException for failures meant for people, such as degenerate data
	 * @throws JobCancelledException when the context says to stop
	 * @throws Exception for anything unexpected; the job fails with its message
	 */
	Object run(P parameters, JobContext context) throws Exception;

}
