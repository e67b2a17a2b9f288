package dev.tango.api.serving;

/**
 * Where the serving of one cascade stands.
 */
public enum CascadeState {

	/** Its active version is loading; no version serves yet. */
	LOADING,

	/** The active version serves. */
	SERVING,

	/** A version serves; the newly activated one is loading and will replace it. */
	SWITCHING,

	/**
	 * A version serves, but the newly activated one failed to load: the older one goes on
	 * serving, and the load is tried again.
	 */
	STALE,

	/**
	 * The active version failed to load while no version served (as on start), so the
	 * newest older version that loads serves instead; the active one is tried again.
	 */
	FALLBACK,

	/** The active version failed to load and no version serves; it is tried again. */
	FAILED,

	/** The service is stopping. */
	STOPPED

}
