package dev.tango.admin.job;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A kind of job: its name, its parameters, the data sets they name and how it runs. A
 * plug-in: a new kind is one class implementing this interface, registered as a Spring
 * bean; {@link JobKinds} indexes the beans by name, the queue stores the name as text,
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
	 * Returns the stored data sets a job with these parameters reads: every data set they
	 * name, whatever the job does with it. The queue relies on it both ways: a job is
	 * queued (or restarted) only while each of these data sets exists, checked under a
	 * lock of its row as the job is queued, and a data set is not deleted while a queued
	 * or running job names it (409). A kind that reads no stored data set returns an
	 * empty set; {@link #datasetIds} builds the set from optional identifiers.
	 * @param parameters the parameters, as submitted or as stored with a job
	 * @return the identifiers of the data sets, possibly empty, never {@code null}
	 */
	Set<Long> datasets(P parameters);

	/**
	 * Returns the cascade whose active version a job with these parameters may change
	 * when it ends, if any. The queue notes that cascade's active revision as it queues
	 * the job ({@link JobContext#activationBase}), and the job changes the active version
	 * only while that revision is still the active one.
	 * @param parameters the parameters, read and checked
	 * @return the cascade's name, or {@code null} (the default) if the job activates
	 * nothing
	 */
	default @Nullable String activates(P parameters) {
		return null;
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

	/**
	 * Returns the data set identifiers given, leaving out absent ones: what
	 * {@link #datasets} returns for parameters whose data sets are optional.
	 * @param ids identifiers, each {@code null} where the parameters name none
	 * @return those given, each once, in the order given
	 */
	static Set<Long> datasetIds(@Nullable Long... ids) {
		Set<Long> given = new LinkedHashSet<>();
		for (Long id : ids) {
			if (id != null) {
				given.add(id);
			}
		}
		return Collections.unmodifiableSet(given);
	}

}
