package dev.tango.admin.calibration.web;

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

import dev.tango.admin.calibration.CalibrateParameters;
import dev.tango.admin.job.Job;
import dev.tango.admin.calibration.CalibrateJob;
import dev.tango.admin.job.web.JobSubmission;

/**
 * Queues calibrate jobs.
 */
@RestController
@Tag(name = "jobs")
class CalibrationController {

	private final JobSubmission submission;

	private final CalibrateJob handler;

	CalibrationController(JobSubmission submission, CalibrateJob handler) {
		this.submission = submission;
		this.handler = handler;
	}

	@PostMapping("/api/jobs/calibrate")
	@Operation(summary = "Queue a calibration of a cascade version on a data set, or on the cascade's feedback",
			description = "Creates a new cascade version with the thresholds a policy chooses on the data set "
					+ "(`datasetId`) or on the feedback with texts that clients sent to tango-api "
					+ "(`\"feedback\": true`); "
					+ "the result reports them on rows the choice did not see: cross-fitted over `folds` folds "
					+ "(default 10), each row scored with thresholds chosen without it, or, with "
					+ "`calibrationFraction`, on a held-out part set aside.")
	ResponseEntity<Job> calibrate(@Valid @RequestBody CalibrateParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.handler, parameters, principal, idempotencyKey);
	}

}
