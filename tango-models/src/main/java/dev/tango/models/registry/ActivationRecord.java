package dev.tango.models.registry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An audit record: one activation or rollback.
 *
 * @param id the record's identifier, increasing
 * @param cascade the cascade's name
 * @param action activation or rollback
 * @param fromVersion the version active before, {@code null} for the first activation
 * @param toVersion the version active after
 * @param actor who did it
 * @param reason why, or {@code null}
 * @param at when
 */
public record ActivationRecord(long id, String cascade, ActivationAction action, @Nullable Integer fromVersion,
		int toVersion, String actor, @Nullable String reason, Instant at) {

}
