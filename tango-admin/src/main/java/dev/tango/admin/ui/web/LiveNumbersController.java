package dev.tango.admin.ui.web;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import dev.tango.admin.drift.DriftOverview;
import dev.tango.admin.rest.JsonResource;
import dev.tango.admin.ui.LiveNumbers;
import dev.tango.admin.ui.VersionNumbers;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.feedback.LiveAccuracy;
import dev.tango.models.registry.ModelRegistry;

/**
 * What a cascade's versions do live, as its page shows them: their live numbers, their
 * live accuracy from the feedback clients sent to tango-api, and their drift from
 * calibration as the API instances report it. Each answers 404 for a cascade with no
 * version.
 */
@JsonResource("/api/cascades/{cascade}")
@Tag(name = "registry")
class LiveNumbersController {

	private final LiveNumbers liveNumbers;

	private final FeedbackStore feedback;

	private final DriftOverview drift;

	private final ModelRegistry registry;

	private final Clock clock = Clock.systemUTC();

	LiveNumbersController(LiveNumbers liveNumbers, FeedbackStore feedback, DriftOverview drift,
			ModelRegistry registry) {
		this.liveNumbers = liveNumbers;
		this.feedback = feedback;
		this.drift = drift;
		this.registry = registry;
	}

	@GetMapping("/live")
	@Operation(summary = "Live numbers of a cascade's versions",
			description = "For each version that is active, served by an API instance, reported with traffic or "
					+ "labelled by feedback, newest first: the instances that serve it; its traffic summed over the "
					+ "instances that reported within the last minute (answered inputs per second over the last "
					+ "minute, requests, inputs, failures, refusals, the inputs that reached each tier and their "
					+ "share, latency p50 and p95 over the last minute as the largest over the instances), or null "
					+ "without a live report; and its answers labelled by feedback with the live accuracy")
	List<VersionNumbers> live(@PathVariable String cascade) {
		this.registry.requireCascadeVersions(cascade);
		return this.liveNumbers.list(cascade, this.clock.instant());
	}

	@GetMapping("/live-accuracy")
	@Operation(summary = "Live accuracy of a cascade's versions",
			description = "For each version with labelled answers, newest first: a row for all its tiers together "
					+ "(tier null), then one per answering tier, each with the labelled and correct answers, the "
					+ "accuracy and its 95% Wilson interval")
	List<LiveAccuracy> liveAccuracy(@PathVariable String cascade) {
		this.registry.requireCascadeVersions(cascade);
		return this.feedback.liveAccuracy(cascade);
	}

	@GetMapping("/drift")
	@Operation(summary = "Drift of a cascade's versions from their calibration",
			description = "For each version an API instance watches, newest first, and each such instance: every "
					+ "watched stream (a tier's escalation rate, a tier's share of one label) with its reference "
					+ "rate from calibration, its live rate, the larger one-sided CUSUM statistic, the threshold "
					+ "ln(m·W/α) and whether it alarms; alarm is true when an instance reporting in time alarms. "
					+ "Per version, streams gives the verdict over the instances reporting in time: a stream alarms "
					+ "when any of them does (alarms names them), observations are summed and the live rate is "
					+ "weighted by them; CUSUM statistics are per instance and not added up")
	DriftOverview.CascadeDrift drift(@PathVariable String cascade) {
		this.registry.requireCascadeVersions(cascade);
		return this.drift.of(cascade);
	}

}
