package dev.tango.admin.job.web;

import java.security.Principal;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobCurves;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobKinds;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;
import dev.tango.web.JsonBodyErrors;

/**
 * Lists, shows, cancels and restarts jobs, and submits a job of any registered kind
 * ({@code POST /api/jobs?kind=NAME}, the parameters as the body). The built-in kinds also
 * have typed endpoints of their own ({@code /api/jobs/fit-head},
 * {@code /api/jobs/fine-tune}, {@code /api/jobs/distil}, {@code /api/jobs/evaluate},
 * {@code /api/jobs/calibrate}, {@code /api/jobs/bulk-classify}); both doors check
 * parameters through the kind's {@link dev.tango.admin.job.JobHandler#check}.
 */
@RestController
@RequestMapping("/api/jobs")
@Tag(name = "jobs", description = "Fitting, training, evaluation and calibration jobs")
class JobController {

	private final Jobs jobs;

	private final JobCurves curves;

	private final JobKinds kinds;

	private final JobSubmission submission;

	private final JsonMapper json;

	private final Validator validator;

	JobController(Jobs jobs, JobCurves curves, JobKinds kinds, JobSubmission submission, JsonMapper json,
			Validator validator) {
		this.jobs = jobs;
		this.curves = curves;
		this.kinds = kinds;
		this.submission = submission;
		this.json = json;
		this.validator = validator;
	}

	@PostMapping(params = "kind")
	@Operation(operationId = "submit", summary = "Queue a job of a registered kind; the body is its parameters")
	ResponseEntity<Job> submit(@RequestParam String kind, @RequestBody JsonNode parameters, Principal principal,
			@RequestHeader(name = JobSubmission.IDEMPOTENCY_KEY, required = false) @Nullable String idempotencyKey) {
		JobHandler<?> handler = this.kinds.find(kind)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"No job kind '" + kind + "': known kinds are " + String.join(", ", this.kinds.names())));
		return submit(handler, parameters, principal.getName(), idempotencyKey);
	}

	@GetMapping
	@Operation(summary = "List jobs, newest first")
	List<Job> list(@RequestParam(required = false) @Nullable JobStatus status,
			@RequestParam(defaultValue = "50") int limit) {
		return this.jobs.list(status, Math.max(1, Math.min(limit, 1000)));
	}

	@GetMapping("/{id}")
	@Operation(summary = "Show a job with its progress, the curves it draws and, once done, its result or error")
	Job show(@PathVariable long id) {
		return this.curves.withCurves(this.jobs.require(id));
	}

	@PostMapping("/{id}/cancel")
	@Operation(summary = "Cancel a job: at once if queued, within a heartbeat if running")
	Job cancel(@PathVariable long id) {
		return this.jobs.cancel(id);
	}

	@PostMapping("/{id}/restart")
	@Operation(summary = "Queue a failed or cancelled job again")
	Job restart(@PathVariable long id) {
		return this.jobs.restart(id);
	}

	private <P> ResponseEntity<Job> submit(JobHandler<P> handler, JsonNode body, String actor,
			@Nullable String idempotencyKey) {
		P parameters;
		try {
			parameters = this.json.treeToValue(body, handler.parametersType());
		}
		catch (JacksonException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Invalid parameters for job kind " + handler.kind() + ": " + JsonBodyErrors.describe(ex), ex);
		}
		if (parameters == null) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"The parameters of job kind " + handler.kind() + " are a JSON object");
		}
		return this.submission.submit(handler.kind(), parameters, () -> check(handler, parameters), actor,
				idempotencyKey);
	}

	/**
	 * Bean Validation, then the kind's own check; both refuse with
	 * IllegalArgumentException.
	 */
	private <P> void check(JobHandler<P> handler, P parameters) {
		String violations = this.validator.validate(parameters)
			.stream()
			.map((violation) -> violation.getPropertyPath() + " " + violation.getMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		if (!violations.isEmpty()) {
			throw new IllegalArgumentException("Invalid parameters for job kind " + handler.kind() + ": " + violations);
		}
		handler.check(parameters);
	}

}
