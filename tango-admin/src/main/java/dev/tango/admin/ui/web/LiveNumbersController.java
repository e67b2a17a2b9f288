package dev.tango.admin.ui.web;

import java.time.Clock;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.tango.admin.ui.LiveNumbers;
import dev.tango.admin.ui.VersionNumbers;
import dev.tango.models.registry.ModelRegistry;

/**
 * The live numbers of a cascade's versions, as its page shows them.
 */
@RestController
@Tag(name = "registry")
class LiveNumbersController {

	private final LiveNumbers liveNumbers;

	private final ModelRegistry registry;

	private final Clock clock = Clock.systemUTC();

	LiveNumbersController(LiveNumbers liveNumbers, ModelRegistry registry) {
		this.liveNumbers = liveNumbers;
		this.registry = registry;
	}

	@GetMapping("/api/cascades/{cascade}/live")
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

}
