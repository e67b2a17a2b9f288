package dev.tango.admin.bulk.web;

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
import org.springframework.web.bind.annotation.RestController;

import dev.tango.admin.bulk.BulkClassifyJob;
import dev.tango.admin.bulk.BulkClassifyParameters;
import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobStateException;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.job.web.JobSubmission;

/**
 * Queues bulk classification jobs and streams their results once they succeeded.
 */
@RestController
@Tag(name = "jobs")
class BulkClassifyController {

	private final JobSubmission submission;

	private final BulkClassifyJob handler;

	private final Jobs jobs;

	private final JsonMapper json;

	BulkClassifyController(JobSubmission submission, BulkClassifyJob handler, Jobs jobs, JsonMapper json) {
		this.submission = submission;
		this.handler = handler;
		this.jobs = jobs;
		this.json = json;
	}

	@PostMapping("/api/jobs/bulk-classify")
	@Operation(summary = "Queue a bulk classification of a data set or a file under the input directory")
	ResponseEntity<Job> submit(@Valid @RequestBody BulkClassifyParameters parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		return this.submission.submit(this.handler, parameters, principal, idempotencyKey);
	}

	@GetMapping("/api/jobs/{id}/result")
	@Operation(summary = "Download the results of a succeeded bulk classification job, streamed")
	ResponseEntity<Resource> result(@PathVariable long id) {
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
		BulkClassifyParameters parameters = this.json.treeToValue(job.parameters(), BulkClassifyParameters.class);
		Path output = this.handler.output(id, parameters.outputFormatOrDefault());
		if (!Files.isRegularFile(output)) {
			throw new JobStateException("The results of job " + id + " are no longer in the output directory");
		}
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
