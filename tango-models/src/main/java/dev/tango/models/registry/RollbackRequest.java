package dev.tango.models.registry;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A request to roll a cascade back.
 *
 * @param cascade the cascade's name
 * @param version the version to roll back to, or {@code null} for the previous one: the
 * version that was active when the current version was last activated (rollbacks do not
 * count, so repeated rollbacks walk back through the activations)
 * @param actor who asks
 * @param reason why, or {@code null}
 * @param expectedRevision as in {@link ActivationRequest#expectedRevision()}
 */
public record RollbackRequest(String cascade, @Nullable Integer version, String actor, @Nullable String reason,
		@Nullable Long expectedRevision) {

	public RollbackRequest {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(actor, "actor");
	}

	/**
	 * A rollback to the previous version.
	 * @param cascade the cascade's name
	 * @param actor who asks
	 * @param reason why
	 * @return the request
	 */
	public static RollbackRequest toPrevious(String cascade, String actor, @Nullable String reason) {
		return new RollbackRequest(cascade, null, actor, reason, null);
	}

}
