package dev.tango.models.release;

import java.time.Instant;

/**
 * One entry of the release audit.
 *
 * @param planId the plan
 * @param cascade the cascade's name
 * @param action what was done
 * @param actor who did it: a user, or an API instance for an automatic abort
 * @param reason why
 * @param at when
 */
public record ReleaseAuditEntry(long planId, String cascade, ReleaseAction action, String actor, String reason,
		Instant at) {

}
