package dev.tango.admin.drift.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.tango.admin.drift.DriftOverview;
import dev.tango.models.registry.ModelRegistry;

/**
 * The drift of a cascade's versions from their calibration, as the API instances report
 * it.
 */
@RestController
@Tag(name = "registry")
class DriftController {

	private final DriftOverview overview;

	private final ModelRegistry registry;

	DriftController(DriftOverview overview, ModelRegistry registry) {
		this.overview = overview;
		this.registry = registry;
	}

	@GetMapping("/api/cascades/{cascade}/drift")
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
		return this.overview.of(cascade);
	}

}
