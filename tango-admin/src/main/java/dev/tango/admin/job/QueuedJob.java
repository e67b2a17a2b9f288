package dev.tango.admin.job;

import tools.jackson.databind.JsonNode;

/**
 * The answer to a job submission: the job, and whether it was queued by an earlier
 * submission with the same idempotency key rather than by this one.
 *
 * @param job the job, as it is now
 * @param replayed {@code true} if an earlier submission queued it
 */
public record QueuedJob(Job job, boolean replayed) {

	/**
	 * Returns the job an earlier submission with the same key queued, if this submission
	 * asks for the same thing.
	 * @param earlier the job queued under the key
	 * @param key the idempotency key
	 * @param kind the kind submitted now
	 * @param parameters the parameters submitted now
	 * @return the earlier job, replayed
	 * @throws IdempotencyKeyReusedException if the kind or parameters differ
	 */
	static QueuedJob replay(Job earlier, String key, String kind, JsonNode parameters) {
		if (!earlier.kind().equals(kind) || !earlier.parameters().equals(parameters)) {
			throw new IdempotencyKeyReusedException(key, earlier.id());
		}
		return new QueuedJob(earlier, true);
	}

}
