package dev.tango.admin.evaluation.web;

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

import dev.tango.admin.evaluation.EvaluateParameters;
import dev.tango.admin.job.Job;
import dev.tango.admin.evaluation.EvaluateJob;
import dev.tango.admin.job.web.JobSubmission;

/**
 * Queues evaluate jobs.
 */
@RestController
@Tag(name = "jobs")
class EvaluationController {

	private final JobSubmission submission;

	private final EvaluateJob handler;

	EvaluationController(JobSubmission submission, EvaluateJob handler) {
		this.submission = submission;
		this.handler = handler;
	}

	@PostMapping("/api/jobs/evaluate")
	@Operation(summary = "Queue an evaluation of a cascade version and its tiers on a data set")
	ResponseEntity<Job> evaluate(@Valid @RequestBody EvaluateParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.handler, parameters, principal, idempotencyKey);
	}

}
