package dev.tango.admin.release.web;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

import dev.tango.admin.release.ReleaseStatus;
import dev.tango.admin.release.Releases;
import dev.tango.admin.rest.JsonResource;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.release.ReleaseBounds;
import dev.tango.models.release.ReleaseMode;
import dev.tango.models.release.ReleasePlan;
import dev.tango.models.release.ReleasePlans;
import dev.tango.models.release.ReleaseRequest;

/**
 * A cascade's release plans over HTTP: read them, start a shadow or a canary, promote or
 * abort the one that runs. Every change carries a reason, recorded in the release audit
 * under the authenticated caller's name; bad input is answered with a problem detail.
 */
@JsonResource("/api/cascades/{cascade}/release")
@Tag(name = "release", description = "Shadow and canary releases of cascade versions")
class ReleaseController {

	private final ReleasePlans plans;

	private final Releases releases;

	ReleaseController(ReleasePlans plans, Releases releases) {
		this.plans = plans;
		this.releases = releases;
	}

	@GetMapping
	@Operation(summary = "The running plan, what the API instances measured for the latest plan, and the audit")
	ReleaseStatus status(@PathVariable String cascade) {
		return this.releases.status(cascade);
	}

	@PostMapping
	@Operation(summary = "Start a shadow or canary of a candidate version against the active one")
	ReleasePlan start(@PathVariable String cascade, @RequestBody StartBody body, Principal principal) {
		if (body.mode() == null) {
			throw new InvalidRegistryRequestException("Give the mode: SHADOW or CANARY");
		}
		if (body.version() == null) {
			throw new InvalidRegistryRequestException("Give the candidate version to release");
		}
		ReleaseBounds defaults = ReleaseBounds.DEFAULT;
		ReleaseBounds bounds = new ReleaseBounds(orElse(body.maxErrorRate(), defaults.maxErrorRate()),
				orElse(body.maxEscalationRate(), defaults.maxEscalationRate()),
				(body.minRequests() != null) ? body.minRequests() : defaults.minRequests());
		double share = orElse(body.share(), (body.mode() == ReleaseMode.SHADOW) ? 1.0 : 0.1);
		return this.plans.start(new ReleaseRequest(cascade, body.version(), body.mode(), share, bounds,
				principal.getName(), body.reason()));
	}

	@PostMapping("/promote")
	@Operation(summary = "Promote the running plan (the one named by planId, if given): activate its candidate")
	ReleasePlan promote(@PathVariable String cascade, @RequestBody ReasonBody body, Principal principal) {
		return this.plans.promote(cascade, body.planId(), principal.getName(), body.reason());
	}

	@PostMapping("/abort")
	@Operation(summary = "Abort the running plan (the one named by planId, if given)")
	ReleasePlan abort(@PathVariable String cascade, @RequestBody ReasonBody body, Principal principal) {
		return this.plans.abort(cascade, body.planId(), principal.getName(), body.reason());
	}

	private static double orElse(@Nullable Double value, double fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * A plan to start.
	 *
	 * @param mode {@code SHADOW} or {@code CANARY}
	 * @param version the candidate version
	 * @param share the fraction of requests copied or answered, in {@code (0, 1]};
	 * default 1 for a shadow, 0.1 for a canary
	 * @param maxErrorRate the bound on the candidate's failed requests (default 0.05)
	 * @param maxEscalationRate the bound on its inputs escalated past the first tier
	 * (default 1: none)
	 * @param minRequests the requests an instance sees before it judges (default 50)
	 * @param reason why; required
	 */
	record StartBody(@Nullable ReleaseMode mode, @Nullable Integer version, @Nullable Double share,
			@Nullable Double maxErrorRate, @Nullable Double maxEscalationRate, @Nullable Integer minRequests,
			@Nullable String reason) {

	}

	/**
	 * A promotion or an abort.
	 *
	 * @param planId the plan meant, as the caller saw it: refused (409) if another runs
	 * now, or none; default whichever runs
	 * @param reason why; required
	 */
	record ReasonBody(@Nullable Long planId, @Nullable String reason) {

	}

}
