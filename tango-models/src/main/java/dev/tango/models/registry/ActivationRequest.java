package dev.tango.models.registry;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request to make a cascade version the active one.
 *
 * @param cascade the cascade's name
 * @param version the version to activate
 * @param actor who asks
 * @param reason why, or {@code null}
 * @param expectedRevision the {@link ActiveCascade#revision() revision} of the active
 * version the caller saw, or {@link #NONE_ACTIVE} if it saw none; the request fails with
 * {@link ActivationConflictException} if that changed since. {@code null} to activate
 * whatever is active now (concurrent activations still conflict rather than overwrite
 * each other)
 */
public record ActivationRequest(String cascade, int version, String actor, @Nullable String reason,
		@Nullable Long expectedRevision) {

	/** The expected revision of a caller that saw no version active. */
	public static final long NONE_ACTIVE = -1;

	public ActivationRequest {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(actor, "actor");
	}

	/**
	 * A request without an expected revision.
	 * @param cascade the cascade's name
	 * @param version the version to activate
	 * @param actor who asks
	 * @param reason why
	 * @return the request
	 */
	public static ActivationRequest of(String cascade, int version, String actor, @Nullable String reason) {
		return new ActivationRequest(cascade, version, actor, reason, null);
	}

}
