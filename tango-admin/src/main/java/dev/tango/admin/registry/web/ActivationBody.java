package dev.tango.admin.registry.web;

import org.jspecify.annotations.Nullable;

/**
 * An activation or rollback.
 *
 * @param version the version to activate; for a rollback, {@code null} means the previous
 * one
 * @param reason why, or {@code null}
 * @param expectedRevision the active revision the caller saw, or {@code null}; the change
 * is refused (409) if another happened since
 */
record ActivationBody(@Nullable Integer version, @Nullable String reason, @Nullable Long expectedRevision) {

}
