package dev.tango.models.release;

/**
 * The part a cascade version plays in a running release plan.
 */
public enum ReleaseRole {

	/** The active version, which answers the traffic the candidate does not. */
	ACTIVE,

	/** The version being tried. */
	CANDIDATE

}
