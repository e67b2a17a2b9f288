package dev.tango.admin.job;

/**
 * A kind of job: its name, its parameters and how it runs. A plug-in: a new kind is one
 * class implementing this interface, registered as a Spring bean; {@link JobKinds}
 * indexes the beans by name, the queue stores the name as text,
 * {@code POST /api/jobs?kind=NAME} submits any kind, and the worker runs it.
 * Implementations are stateless beans; the worker calls {@link #run} on one of its
 * threads per attempt. {@link AbstractJobHandler} takes the kind's name and parameters
 * type once, at construction.
 *
 * @param <P> the type of the job's parameters, a record read from the submitted JSON
 */
public interface JobHandler<P> {

	/**
	 * Returns the name of the kind of job this handler runs, as stored with each job and
	 * shown by the API.
	 * @return the name: 1 to 32 upper-case letters, digits and underscores, starting with
	 * a letter, such as {@code FIT_HEAD}; unique among the handlers
	 */
	String kind();

	/**
	 * Returns the type of the parameters.
	 * @return the record type
	 */
	Class<P> parametersType();

	/**
	 * Checks parameters beyond their Bean Validation constraints, before a job is queued,
	 * whichever endpoint submits it: the kind's own or {@code POST /api/jobs?kind=}.
	 * @param parameters the parameters, read and validated
	 * @throws IllegalArgumentException with a message for people if they are invalid
	 * @throws dev.tango.admin.dataset.DatasetNotFoundException if a data set they name
	 * does not exist
	 * @throws dev.tango.models.registry.RegistryNotFoundException if a cascade or model
	 * they name does not exist; both are answered 400 as invalid parameters are (404 is
	 * for the resource a URL names)
	 */
	default void check(P parameters) {
	}

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
