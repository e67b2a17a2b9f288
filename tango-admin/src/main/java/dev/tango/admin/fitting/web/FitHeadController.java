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

import dev.tango.admin.dataset.Datasets;
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

	private final Datasets datasets;

	FitHeadController(JobSubmission submission, Datasets datasets) {
		this.submission = submission;
		this.datasets = datasets;
	}

	@PostMapping("/api/jobs/fit-head")
	@Operation(summary = "Queue the fitting of a head on a data set, registered as a new model version")
	ResponseEntity<Job> fitHead(@Valid @RequestBody FitHeadParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		this.datasets.require(parameters.datasetId());
		return this.submission.submit(FitHeadJob.KIND, parameters, parameters::check, principal.getName(),
				idempotencyKey);
	}

}
