package dev.tango.models.release;

import java.util.Objects;

import dev.tango.models.registry.InvalidRegistryRequestException;

/**
 * A request to start a release plan.
 *
 * @param cascade the cascade's name
 * @param candidateVersion the version to try; not the active one
 * @param mode how to try it
 * @param share the fraction of requests copied (shadow) or answered (canary), in
 * {@code (0, 1]}
 * @param bounds when an instance aborts the plan
 * @param actor who asks
 * @param reason why; not blank, at most 1000 characters
 */
public record ReleaseRequest(String cascade, int candidateVersion, ReleaseMode mode, double share, ReleaseBounds bounds,
		String actor, String reason) {

	/**
	 * Creates a request.
	 * @throws InvalidRegistryRequestException if the share or the reason is out of range
	 */
	public ReleaseRequest {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(bounds, "bounds");
		Objects.requireNonNull(actor, "actor");
		if (!(share > 0 && share <= 1)) {
			throw new InvalidRegistryRequestException("share is " + share + "; give a fraction in (0, 1]");
		}
		reason = ReleasePlans.checkedReason(reason);
	}

}
