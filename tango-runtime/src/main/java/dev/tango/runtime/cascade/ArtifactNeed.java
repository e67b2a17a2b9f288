package dev.tango.runtime.cascade;

/**
 * Whether a registered model version of a {@link TierKind} must, may or must not have an
 * artifact in a role ({@link TierKind#artifactNeed}).
 */
public enum ArtifactNeed {

	/** Must be given. */
	REQUIRED,

	/** May be given. */
	OPTIONAL,

	/** Must not be given: the kind does not use it. */
	ABSENT

}
