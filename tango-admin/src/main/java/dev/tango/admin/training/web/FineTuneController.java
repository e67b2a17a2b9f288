package dev.tango.admin.training.web;

import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.tango.admin.job.Job;
import dev.tango.admin.job.web.JobSubmission;
import dev.tango.admin.training.FineTuneJob;
import dev.tango.admin.training.FineTuneParameters;

/**
 * Queues fine-tune jobs.
 */
@RestController
@Tag(name = "jobs")
class FineTuneController {

	private final JobSubmission submission;

	private final FineTuneJob handler;

	FineTuneController(JobSubmission submission, FineTuneJob handler) {
		this.submission = submission;
		this.handler = handler;
	}

	@PostMapping("/api/jobs/fine-tune")
	@Operation(summary = "Queue the fine-tuning of an encoder on a labelled data set, registered as new model versions")
	ResponseEntity<Job> fineTune(@Valid @RequestBody FineTuneParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(FineTuneJob.KIND, parameters, () -> this.handler.check(parameters),
				principal.getName(), idempotencyKey);
	}

}
