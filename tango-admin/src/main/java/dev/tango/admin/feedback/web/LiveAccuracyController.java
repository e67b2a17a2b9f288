package dev.tango.admin.feedback.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.feedback.LiveAccuracy;
import dev.tango.models.registry.ModelRegistry;

/**
 * The live accuracy of a cascade's versions, from the feedback clients sent to tango-api.
 */
@RestController
@Tag(name = "registry")
class LiveAccuracyController {

	private final FeedbackStore feedback;

	private final ModelRegistry registry;

	LiveAccuracyController(FeedbackStore feedback, ModelRegistry registry) {
		this.feedback = feedback;
		this.registry = registry;
	}

	@GetMapping("/api/cascades/{cascade}/live-accuracy")
	@Operation(summary = "Live accuracy of a cascade's versions",
			description = "For each version with labelled answers, newest first: a row for all its tiers together "
					+ "(tier null), then one per answering tier, each with the labelled and correct answers, the "
					+ "accuracy and its 95% Wilson interval")
	List<LiveAccuracy> liveAccuracy(@PathVariable String cascade) {
		this.registry.requireCascadeVersions(cascade);
		return this.feedback.liveAccuracy(cascade);
	}

}
