package dev.tango.models.registry;

/**
 * What changed the active version of a cascade.
 */
public enum ActivationAction {

	/** An activation. */
	ACTIVATE,

	/** A rollback. */
	ROLLBACK

}
