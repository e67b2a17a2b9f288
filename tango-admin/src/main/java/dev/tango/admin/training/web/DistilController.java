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
import dev.tango.admin.training.DistilJob;
import dev.tango.admin.training.DistilParameters;

/**
 * Queues distil jobs.
 */
@RestController
@Tag(name = "jobs")
class DistilController {

	private final JobSubmission submission;

	private final DistilJob handler;

	DistilController(JobSubmission submission, DistilJob handler) {
		this.submission = submission;
		this.handler = handler;
	}

	@PostMapping("/api/jobs/distil")
	@Operation(
			summary = "Queue the distillation of a lexical student from a cascade's last tier, registered as a new model version")
	ResponseEntity<Job> distil(@Valid @RequestBody DistilParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(DistilJob.KIND, parameters, () -> this.handler.check(parameters),
				principal.getName(), idempotencyKey);
	}

}
