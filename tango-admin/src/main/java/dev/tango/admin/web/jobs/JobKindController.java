package dev.tango.admin.web.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;

import dev.tango.admin.bulk.BulkClassifyJob;
import dev.tango.admin.bulk.BulkClassifyParameters;
import dev.tango.admin.calibration.CalibrateJob;
import dev.tango.admin.calibration.CalibrateParameters;
import dev.tango.admin.evaluation.EvaluateJob;
import dev.tango.admin.evaluation.EvaluateParameters;
import dev.tango.admin.fitting.FitHeadJob;
import dev.tango.admin.fitting.FitHeadParameters;
import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobStateException;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.job.StoredParameters;
import dev.tango.admin.job.web.JobSubmission;
import dev.tango.admin.rest.JsonResource;
import dev.tango.admin.web.RangeNotSatisfiableException;
import dev.tango.admin.training.DistilJob;
import dev.tango.admin.training.DistilParameters;
import dev.tango.admin.training.FineTuneJob;
import dev.tango.admin.training.FineTuneParameters;

/**
 * The REST endpoints of the built-in job kinds. Their typed submissions read the body
 * into the kind's parameters and validate it, then {@link JobSubmission} checks them with
 * the kind's handler and queues the job for the signed-in caller; a bulk classification's
 * results are streamed once it succeeded.
 */
@JsonResource("/api/jobs")
@Tag(name = "jobs")
class JobKindController {

	private final JobSubmission submission;

	private final FitHeadJob fitHead;

	private final FineTuneJob fineTune;

	private final DistilJob distil;

	private final EvaluateJob evaluate;

	private final CalibrateJob calibrate;

	private final BulkClassifyJob bulkClassify;

	private final Jobs jobs;

	private final JsonMapper json;

	JobKindController(JobSubmission submission, FitHeadJob fitHead, FineTuneJob fineTune, DistilJob distil,
			EvaluateJob evaluate, CalibrateJob calibrate, BulkClassifyJob bulkClassify, Jobs jobs, JsonMapper json) {
		this.submission = submission;
		this.fitHead = fitHead;
		this.fineTune = fineTune;
		this.distil = distil;
		this.evaluate = evaluate;
		this.calibrate = calibrate;
		this.bulkClassify = bulkClassify;
		this.jobs = jobs;
		this.json = json;
	}

	@PostMapping("/fit-head")
	@Operation(summary = "Queue the fitting of a head on a data set, registered as a new model version")
	ResponseEntity<Job> fitHead(@Valid @RequestBody FitHeadParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.fitHead, parameters, principal, idempotencyKey);
	}

	@PostMapping("/fine-tune")
	@Operation(summary = "Queue the fine-tuning of an encoder on a labelled data set, registered as new model versions")
	ResponseEntity<Job> fineTune(@Valid @RequestBody FineTuneParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.fineTune, parameters, principal, idempotencyKey);
	}

	@PostMapping("/distil")
	@Operation(
			summary = "Queue the distillation of a lexical student from a cascade's last tier, registered as a new model version")
	ResponseEntity<Job> distil(@Valid @RequestBody DistilParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.distil, parameters, principal, idempotencyKey);
	}

	@PostMapping("/evaluate")
	@Operation(summary = "Queue an evaluation of a cascade version and its tiers on a data set")
	ResponseEntity<Job> evaluate(@Valid @RequestBody EvaluateParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.evaluate, parameters, principal, idempotencyKey);
	}

	@PostMapping("/calibrate")
	@Operation(summary = "Queue a calibration of a cascade version on a data set, or on the cascade's feedback",
			description = "Creates a new cascade version with the thresholds a policy chooses on the data set "
					+ "(`datasetId`) or on the feedback with texts that clients sent to tango-api "
					+ "(`\"feedback\": true`); "
					+ "the result reports them on rows the choice did not see: cross-fitted over `folds` folds "
					+ "(default 10), each row scored with thresholds chosen without it, or, with "
					+ "`calibrationFraction`, on a held-out part set aside.")
	ResponseEntity<Job> calibrate(@Valid @RequestBody CalibrateParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.calibrate, parameters, principal, idempotencyKey);
	}

	@PostMapping("/bulk-classify")
	@Operation(summary = "Queue a bulk classification of a data set or a file under the input directory")
	ResponseEntity<Job> bulkClassify(@Valid @RequestBody BulkClassifyParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.bulkClassify, parameters, principal, idempotencyKey);
	}

	@GetMapping(path = "/{id:\\d+}/result", produces = MediaType.ALL_VALUE)
	@Operation(summary = "Download the results of a succeeded bulk classification job, streamed",
			description = "A `Range` header asks for part of the file (206); one that the file cannot satisfy, "
					+ "or that is malformed, is refused with 416 and a `Content-Range` giving the file's length.")
	ResponseEntity<Resource> result(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range) {
		Job job = this.jobs.require(id);
		if (!BulkClassifyJob.KIND.equals(job.kind())) {
			throw new JobStateException("Job " + id + " is a " + job.kind() + " job: only " + BulkClassifyJob.KIND
					+ " jobs have results to download");
		}
		if (job.status() != JobStatus.SUCCEEDED) {
			String error = (job.error() != null) ? " (" + job.error() + ")" : "";
			throw new JobStateException("Job " + id + " is " + job.status() + error
					+ ": its results can be downloaded once it has succeeded");
		}
		BulkClassifyParameters parameters = StoredParameters.read(this.json, job.parameters(),
				BulkClassifyParameters.class);
		Path output = this.bulkClassify.output(id, parameters.outputFormatOrDefault());
		if (!Files.isRegularFile(output)) {
			throw new JobStateException("The results of job " + id + " are no longer in the output directory");
		}
		RangeNotSatisfiableException.requireSatisfiable(range, output);
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(parameters.outputFormatOrDefault().mediaType() + ";charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("job-" + id + "-" + output.getFileName())
						.build()
						.toString())
			.body(new FileSystemResource(output));
	}

}
