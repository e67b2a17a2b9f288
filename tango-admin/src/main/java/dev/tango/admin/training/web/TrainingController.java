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
import dev.tango.admin.training.FineTuneJob;
import dev.tango.admin.training.FineTuneParameters;

/**
 * Queues training jobs: fine-tune and distil jobs, each checked by its own handler first.
 */
@RestController
@Tag(name = "jobs")
class TrainingController {

	private final JobSubmission submission;

	private final FineTuneJob fineTune;

	private final DistilJob distil;

	TrainingController(JobSubmission submission, FineTuneJob fineTune, DistilJob distil) {
		this.submission = submission;
		this.fineTune = fineTune;
		this.distil = distil;
	}

	@PostMapping("/api/jobs/fine-tune")
	@Operation(summary = "Queue the fine-tuning of an encoder on a labelled data set, registered as new model versions")
	ResponseEntity<Job> fineTune(@Valid @RequestBody FineTuneParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.fineTune, parameters, principal, idempotencyKey);
	}

	@PostMapping("/api/jobs/distil")
	@Operation(
			summary = "Queue the distillation of a lexical student from a cascade's last tier, registered as a new model version")
	ResponseEntity<Job> distil(@Valid @RequestBody DistilParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.distil, parameters, principal, idempotencyKey);
	}

}
