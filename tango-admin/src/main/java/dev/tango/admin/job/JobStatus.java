package dev.tango.admin.job;

/**
 * Where a job stands. {@code QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED}; a queued
 * job may be cancelled at once; a failed or cancelled job may be restarted (queued
 * again).
 */
public enum JobStatus {

	/** Waiting for an instance to claim it. */
	QUEUED,

	/** Claimed by an instance, which beats while it runs it. */
	RUNNING,

	/** Done; its result is recorded. */
	SUCCEEDED,

	/** Failed, or its instance stopped beating; its error says why. */
	FAILED,

	/** Cancelled before or while running. */
	CANCELLED

}
