package dev.tango.admin.job;

/**
 * An idempotency key sent again with a different job: the key already names the job an
 * earlier submission queued.
 */
public class IdempotencyKeyReusedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final long jobId;

	IdempotencyKeyReusedException(String key, long jobId) {
		super("Idempotency key '" + key + "' was used for job " + jobId
				+ " with other parameters; use a new key for a new job");
		this.jobId = jobId;
	}

	/**
	 * Returns the job the key names.
	 * @return its identifier
	 */
	public long jobId() {
		return this.jobId;
	}

}
