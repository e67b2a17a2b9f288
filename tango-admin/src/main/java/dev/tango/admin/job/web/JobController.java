package dev.tango.admin.job.web;

import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tango.admin.job.Job;
import dev.tango.admin.job.JobCommands;
import dev.tango.admin.job.JobCurves;
import dev.tango.admin.job.JobHandler;
import dev.tango.admin.job.JobKinds;
import dev.tango.admin.job.JobStatus;
import dev.tango.admin.job.Jobs;
import dev.tango.admin.rest.JsonResource;
import dev.tango.web.JsonBodyErrors;

/**
 * Lists, shows, cancels (one, or every job that matches a filter) and restarts jobs, and
 * submits a job of any registered kind ({@code POST /api/jobs?kind=NAME}, the parameters
 * as the body). The built-in kinds also have typed endpoints of their own
 * ({@code /api/jobs/fit-head}, {@code /api/jobs/fine-tune}, {@code /api/jobs/distil},
 * {@code /api/jobs/evaluate}, {@code /api/jobs/calibrate},
 * {@code /api/jobs/bulk-classify}); both doors check parameters through the kind's
 * {@link dev.tango.admin.job.JobHandler#check}. Jobs are listed newest first, a page of 1
 * to {@value #MAX_LIMIT} at a time: a page followed by more carries a {@code Link} header
 * to the next ({@code rel="next"}, RFC 8288), which starts before the page's last job
 * ({@code before=ID}), so that paging neither skips nor repeats a job while new ones are
 * queued.
 */
@JsonResource("/api/jobs")
@Tag(name = "jobs", description = "Fitting, training, evaluation and calibration jobs")
class JobController {

	/** The most jobs one page lists. */
	static final int MAX_LIMIT = 1000;

	private final Jobs jobs;

	private final JobCommands commands;

	private final JobCurves curves;

	private final JobKinds kinds;

	private final JobSubmission submission;

	private final JsonMapper json;

	private final Validator validator;

	JobController(Jobs jobs, JobCommands commands, JobCurves curves, JobKinds kinds, JobSubmission submission,
			JsonMapper json, Validator validator) {
		this.jobs = jobs;
		this.commands = commands;
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

	/**
	 * A submission that names no kind: refused, naming the known kinds.
	 */
	@PostMapping(params = "!kind")
	@Operation(hidden = true)
	ResponseEntity<Job> submitWithoutKind() {
		throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
				"Name the kind of job to queue: POST /api/jobs?kind=NAME, with the job's parameters as the body; "
						+ "known kinds are " + String.join(", ", this.kinds.names()));
	}

	@GetMapping
	@Operation(summary = "List jobs, newest first, a page at a time",
			description = "At most `limit` jobs (1 to " + MAX_LIMIT + ", default 50), only those in `status` "
					+ "(in any case) if given, only those with an id below `before` if given. When more follow, "
					+ "a `Link` header names the next page: `</api/jobs?before=ID&limit=N>; rel=\"next\"`.")
	ResponseEntity<List<Job>> list(@RequestParam(required = false) @Nullable JobStatus status,
			@RequestParam(required = false) @Nullable Long before, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to " + MAX_LIMIT + ", was "
					+ limit + ": page through more jobs with the Link header's next page (before)");
		}
		JobPaging.checkBefore(before);
		List<Job> found = this.jobs.list(status, before, limit + 1);
		if (found.size() <= limit) {
			return ResponseEntity.ok(found);
		}
		List<Job> page = found.subList(0, limit);
		String next = UriComponentsBuilder.fromPath("/api/jobs")
			.queryParamIfPresent("status", Optional.ofNullable(status).map(JobStatus::name))
			.queryParam("before", page.get(limit - 1).id())
			.queryParam("limit", limit)
			.build()
			.toUriString();
		return ResponseEntity.ok().header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"").body(page);
	}

	@GetMapping("/{id:\\d+}")
	@Operation(summary = "Show a job with its progress, the curves it draws and, once done, its result or error")
	Job show(@PathVariable long id) {
		return this.curves.withCurves(this.jobs.require(id));
	}

	@PostMapping("/{id:\\d+}/cancel")
	@Operation(summary = "Cancel a job: at once if queued, within a heartbeat if running")
	Job cancel(@PathVariable long id) {
		return this.commands.cancel(id);
	}

	@PostMapping("/cancellations")
	@Operation(summary = "Cancel every queued or running job that matches all the filters given",
			description = "At least one of `kind` (in any case; also a kind that only other instances run), "
					+ "`createdBy` and `status` (QUEUED or RUNNING, in any case), each given once. Queued "
					+ "jobs are cancelled at once, running ones within a heartbeat; finished ones are left alone. "
					+ "Answers the jobs cancelled or asked to stop, newest first (an empty list if none matched).")
	List<Job> cancelAll(@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String createdBy,
			@RequestParam(required = false) @Nullable JobStatus status, Principal principal) {
		JobCommands.Filter filter;
		try {
			filter = new JobCommands.Filter(kind, createdBy, status);
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, ex.getMessage(), ex);
		}
		return this.commands.cancelAll(filter, principal.getName());
	}

	@PostMapping("/{id:\\d+}/restart")
	@Operation(summary = "Queue a failed or cancelled job again")
	Job restart(@PathVariable long id) {
		return this.commands.restart(id);
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
		return this.submission.submit(handler, parameters, () -> check(handler, parameters), actor, idempotencyKey);
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
