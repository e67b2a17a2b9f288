package dev.tango.models.registry;

import java.time.Instant;

/**
 * The active version of a cascade.
 *
 * @param version the active cascade version
 * @param revision increases with every activation or rollback of this cascade; pass it as
 * an expected revision to change the active version only if nobody else did
 * @param activatedAt when it became active
 * @param activatedBy who made it active
 */
public record ActiveCascade(CascadeVersion version, long revision, Instant activatedAt, String activatedBy) {

}
