package dev.tango.admin.job.web;

import java.net.URI;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.admin.dataset.DatasetLocks;
import dev.tango.admin.dataset.DatasetNotFoundException;
import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobProperties;
import dev.tango.admin.job.JobQueueLimitException;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.job.QueuedJob;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.RegistryNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Queues jobs for the submission endpoints of each kind. A submission is refused, before
 * its parameters are checked, while its user has {@link JobProperties#maxQueuedPerUser()}
 * jobs queued (429) or while {@link JobProperties#maxQueued()} jobs are queued in all
 * (503), and again, under the queue's admission lock, as it is queued
 * ({@link dev.tango.admin.job.JobAdmission}); in between its parameters are checked (400
 * if invalid, also when a data set, cascade or model they name does not exist: 404 is for
 * the resource a URL names, not for what a body refers to; the data sets it reads are
 * checked once more under their rows' locks as it is queued), and it is answered 202 with
 * the job and its location. A submission may carry an {@value #IDEMPOTENCY_KEY} header:
 * the first submission with a key queues the job; a later one by the same user with the
 * same key and the same kind and parameters queues nothing and answers 200 with that job,
 * before anything is checked again (what the first was checked against, such as the data
 * set of a job that has finished, may be gone since); with other parameters it is refused
 * (422). A key is sent once: a comma, which is how repeated headers are joined, is
 * refused. Without a key every submission queues a new job, even one identical to an
 * earlier one. Parameters longer than {@value Jobs#MAX_PARAMETERS_LENGTH} characters as
 * JSON are refused (400).
 */
@Component
public class JobSubmission {

	/** The header that names a submission, so that sending it again is harmless. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** The longest key accepted, in characters. */
	static final int MAX_KEY_LENGTH = 255;

	private final Jobs jobs;

	private final DatasetLocks datasets;

	private final ModelRegistry registry;

	private final JsonMapper json;

	public JobSubmission(Jobs jobs, DatasetLocks datasets, ModelRegistry registry, JsonMapper json) {
		this.jobs = jobs;
		this.datasets = datasets;
		this.registry = registry;
		this.json = json;
	}

	/**
	 * Checks and queues a job. The data sets it reads ({@link JobHandler#datasets}) are
	 * locked and checked again as it is queued, so that none can be deleted between the
	 * check and the queuing ({@link DatasetLocks#lockToRead}).
	 * @param <P> the type of the parameters
	 * @param handler its kind
	 * @param parameters its parameters
	 * @param check checks the parameters, throwing {@link IllegalArgumentException} if
	 * invalid, {@link DatasetNotFoundException} or {@link RegistryNotFoundException} if a
	 * data set, cascade or model they name does not exist
	 * @param actor who submits it
	 * @param idempotencyKey the {@value #IDEMPOTENCY_KEY} header, or {@code null}
	 * @return 202 with the queued job, or 200 with the job an earlier submission with the
	 * same key queued
	 * @throws JobQueueLimitException if the actor has as many jobs queued as one user
	 * may, or the queue as many as it may (and the submission is no retry)
	 */
	public <P> ResponseEntity<Job> submit(JobHandler<P> handler, P parameters, Runnable check, String actor,
			@Nullable String idempotencyKey) {
		String kind = handler.kind();
		if (idempotencyKey != null && !isValidKey(idempotencyKey)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "The " + IDEMPOTENCY_KEY + " header must be 1 to "
					+ MAX_KEY_LENGTH + " visible ASCII characters other than a comma, such as a UUID, sent once");
		}
		JsonNode tree = this.json.valueToTree(parameters);
		Optional<QueuedJob> earlier = (idempotencyKey != null) ? this.jobs.replay(kind, tree, actor, idempotencyKey)
				: Optional.empty();
		QueuedJob queued;
		try {
			if (earlier.isPresent()) {
				queued = earlier.get();
			}
			else {
				this.jobs.admission().check(actor);
				this.jobs.storable(tree);
				check.run();
				Set<Long> read = handler.datasets(parameters);
				queued = this.jobs.submit(kind, tree, actor, idempotencyKey, activationBase(handler, parameters),
						() -> this.datasets.lockToRead(read));
			}
		}
		catch (IllegalArgumentException | DatasetNotFoundException | RegistryNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
		Job job = queued.job();
		return ResponseEntity.status(queued.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED)
			.location(URI.create("/api/jobs/" + job.id()))
			.body(job);
	}

	/**
	 * Checks parameters with their kind's own {@link JobHandler#check} and queues a job
	 * of that kind for the signed-in caller, as
	 * {@link #submit(JobHandler, Object, Runnable, String, String)} does.
	 * @param <P> the type of the parameters
	 * @param handler the kind
	 * @param parameters its parameters, read and validated
	 * @param principal who submits it
	 * @param idempotencyKey the {@value #IDEMPOTENCY_KEY} header, or {@code null}
	 * @return 202 with the queued job, or 200 with the job an earlier submission with the
	 * same key queued
	 */
	public <P> ResponseEntity<Job> submit(JobHandler<P> handler, P parameters, Principal principal,
			@Nullable String idempotencyKey) {
		return submit(handler, parameters, () -> handler.check(parameters), principal.getName(), idempotencyKey);
	}

	/**
	 * Returns the active revision of the cascade a job may activate, read before the job
	 * is queued: an activation between the two makes the job leave its version inactive,
	 * which errs on the side of the operator who activated.
	 */
	private <P> @Nullable Long activationBase(JobHandler<P> handler, P parameters) {
		String cascade = handler.activates(parameters);
		if (cascade == null) {
			return null;
		}
		return this.registry.getActive(cascade).map(ActiveCascade::revision).orElse(ActivationRequest.NONE_ACTIVE);
	}

	private static boolean isValidKey(String key) {
		return !key.isEmpty() && key.length() <= MAX_KEY_LENGTH
				&& key.chars().allMatch((c) -> c > 0x20 && c < 0x7f && c != ',');
	}

}
