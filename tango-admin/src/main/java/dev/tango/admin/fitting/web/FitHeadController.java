package dev.tango.admin.fitting.web;

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

import dev.tango.admin.fitting.FitHeadParameters;
import dev.tango.admin.job.Job;
import dev.tango.admin.fitting.FitHeadJob;
import dev.tango.admin.job.web.JobSubmission;

/**
 * Queues fit-head jobs.
 */
@RestController
@Tag(name = "jobs")
class FitHeadController {

	private final JobSubmission submission;

	private final FitHeadJob handler;

	FitHeadController(JobSubmission submission, FitHeadJob handler) {
		this.submission = submission;
		this.handler = handler;
	}

	@PostMapping("/api/jobs/fit-head")
	@Operation(summary = "Queue the fitting of a head on a data set, registered as a new model version")
	ResponseEntity<Job> fitHead(@Valid @RequestBody FitHeadParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.handler, parameters, principal, idempotencyKey);
	}

}
