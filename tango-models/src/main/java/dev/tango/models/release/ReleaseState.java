package dev.tango.models.release;

/**
 * Where a release plan stands. A plan runs until it is promoted or aborted, once.
 */
public enum ReleaseState {

	/** The API instances follow it. */
	RUNNING,

	/** Its candidate was activated. */
	PROMOTED,

	/** It was stopped, by an operator or by an instance whose bounds it left. */
	ABORTED

}
