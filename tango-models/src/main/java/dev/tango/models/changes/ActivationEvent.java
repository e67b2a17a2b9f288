package dev.tango.models.changes;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The active version of a cascade changed (by an activation or a rollback, in this
 * process or another one), as {@link RegistryChanges} tells its subscribers.
 *
 * @param cascade the cascade's name
 * @param fromVersion the version active before as this process last saw it, or
 * {@code null} if none was
 * @param toVersion the version active now
 * @param revision the active revision now
 * @param activatedAt when it became active
 * @param activatedBy who made it active
 */
public record ActivationEvent(String cascade, @Nullable Integer fromVersion, int toVersion, long revision,
		Instant activatedAt, String activatedBy) {

}
