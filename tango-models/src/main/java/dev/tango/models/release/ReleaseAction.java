package dev.tango.models.release;

/**
 * What an entry of the release audit records.
 */
public enum ReleaseAction {

	/** A plan started. */
	START,

	/** A plan's candidate was activated. */
	PROMOTE,

	/** A plan was aborted. */
	ABORT

}
