package dev.tango.admin.web;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.tango.admin.dataset.DatasetExistsException;
import dev.tango.admin.dataset.DatasetInUseException;
import dev.tango.admin.dataset.DatasetNotFoundException;
import dev.tango.admin.dataset.DatasetProperties;
import dev.tango.admin.dataset.DatasetRejectedException;
import dev.tango.admin.dataset.DatasetTooLargeException;
import dev.tango.admin.job.IdempotencyKeyReusedException;
import dev.tango.admin.job.JobQueueLimitException;
import dev.tango.admin.job.JobNotFoundException;
import dev.tango.admin.job.JobStateException;
import dev.tango.models.artifact.ArtifactException;
import dev.tango.models.health.DatabaseReach;
import dev.tango.models.loading.InvalidModelException;
import dev.tango.models.registry.InvalidRegistryRequestException;
import dev.tango.models.registry.RegistryConflictException;
import dev.tango.models.registry.RegistryNotFoundException;
import dev.tango.web.JsonBodyErrors;
import dev.tango.web.RequestPaths;
import dev.tango.web.body.Utf8CheckingInputStream.MalformedUtf8Exception;

/**
 * Turns every failure of a request into a problem response (RFC 9457) with a stable
 * {@link ProblemTypes type}: registry, data set and job errors, Spring MVC's own errors
 * (whose types are filled in by status), unreadable bodies, multipart forms and
 * parameters (400, saying why; an enum parameter's valid values), a data set that jobs
 * still read (409, naming them in {@code jobs}), a user with too many jobs queued (429
 * with {@code Retry-After}), a download's range the file cannot satisfy (416 with
 * {@code Content-Range}), a full job queue and an unreachable database (503 with
 * {@code Retry-After}, for the REST API and the pages alike) and anything unexpected
 * (500, logged, without internals in the response).
 */
@RestControllerAdvice
public class AdminExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(AdminExceptionHandler.class);

	/** When a client may try again while the database is unreachable. */
	private static final Duration REGISTRY_RETRY_AFTER = Duration.ofSeconds(5);

	private final DatasetProperties datasets;

	AdminExceptionHandler(DatasetProperties datasets) {
		this.datasets = datasets;
	}

	@ExceptionHandler({ RegistryNotFoundException.class, DatasetNotFoundException.class, JobNotFoundException.class })
	ProblemDetail notFound(RuntimeException ex) {
		return ProblemResponses.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler(InvalidRegistryRequestException.class)
	ProblemDetail invalid(InvalidRegistryRequestException ex) {
		return ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				ex.getMessage());
	}

	@ExceptionHandler({ RegistryConflictException.class, DatasetExistsException.class, JobStateException.class })
	ProblemDetail conflict(RuntimeException ex) {
		return ProblemResponses.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", ex.getMessage());
	}

	/**
	 * A data set that queued or running jobs read: 409 whose {@code jobs} name them
	 * ({@code id}, {@code kind}, {@code status}).
	 */
	@ExceptionHandler(DatasetInUseException.class)
	ProblemDetail datasetInUse(DatasetInUseException ex) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict",
				ex.getMessage());
		problem.setProperty("jobs", ex.readers().stream().map((reader) -> {
			Map<String, Object> job = new LinkedHashMap<>();
			job.put("id", reader.jobId());
			job.put("kind", reader.kind());
			job.put("status", reader.status());
			return job;
		}).toList());
		return problem;
	}

	@ExceptionHandler(RangeNotSatisfiableException.class)
	ResponseEntity<ProblemDetail> rangeNotSatisfiable(RangeNotSatisfiableException ex) {
		return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
			.header(HttpHeaders.CONTENT_RANGE, "bytes */" + ex.length())
			.body(ProblemResponses.problem(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
					ProblemTypes.RANGE_NOT_SATISFIABLE, "Range not satisfiable", ex.getMessage()));
	}

	@ExceptionHandler(ArtifactException.class)
	ProblemDetail artifact(ArtifactException ex) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_ARTIFACT,
				"Artifact refused", ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		return problem;
	}

	@ExceptionHandler(InvalidModelException.class)
	ProblemDetail invalidModel(InvalidModelException ex) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.INVALID_MODEL,
				"Model refused", ex.getMessage());
		problem.setProperty("reason", ex.reason());
		if (ex.tensor() != null) {
			problem.setProperty("tensor", ex.tensor());
		}
		return problem;
	}

	@ExceptionHandler(DatasetRejectedException.class)
	ProblemDetail datasetRejected(DatasetRejectedException ex) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, ProblemTypes.INVALID_DATASET,
				"Data set rejected", ex.getMessage());
		if (ex.line() != null) {
			problem.setProperty("line", ex.line());
		}
		problem.setProperty("reason", ex.reason());
		return problem;
	}

	@ExceptionHandler(DatasetTooLargeException.class)
	ProblemDetail datasetTooLarge(DatasetTooLargeException ex) {
		return ProblemResponses.problem(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
				"Data set too large", ex.getMessage());
	}

	/**
	 * A multipart upload over its file limit, which is the data set limit (the only
	 * multipart upload is a data set's): answered as a data set too large.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = datasetTooLarge(new DatasetTooLargeException(this.datasets.maxSize().toBytes()));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
	}

	/**
	 * A failed database call: 503 if the database could not be reached, however the loss
	 * surfaced ({@link DatabaseReach#lost}: a connection lost inside a transaction comes
	 * out as the rollback's failure), else unexpected.
	 */
	@ExceptionHandler({ DataAccessException.class, TransactionException.class })
	ResponseEntity<ProblemDetail> registryUnavailable(RuntimeException ex) {
		if (!DatabaseReach.lost(ex)) {
			return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(unexpected(ex));
		}
		// The database health indicator logs the outage once; this is per request.
		logger.debug("The registry's database cannot be reached", ex);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(REGISTRY_RETRY_AFTER.toSeconds()))
			.body(ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.REGISTRY_UNAVAILABLE,
					"Registry unavailable", "The registry's database cannot be reached. Try again later."));
	}

	/**
	 * The queue is full (503), or the user's share of it (429: this user, not the
	 * service).
	 */
	@ExceptionHandler(JobQueueLimitException.class)
	ResponseEntity<ProblemDetail> queueLimit(JobQueueLimitException ex) {
		boolean user = ex.limit() == JobQueueLimitException.Limit.USER;
		HttpStatus status = user ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
		return ResponseEntity.status(status)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(JobQueueLimitException.RETRY_AFTER.toSeconds()))
			.body(ProblemResponses.problem(status, user ? ProblemTypes.TOO_MANY_QUEUED_JOBS : ProblemTypes.QUEUE_FULL,
					user ? "Too many queued jobs" : "Job queue full", ex.getMessage()));
	}

	@ExceptionHandler(IdempotencyKeyReusedException.class)
	ProblemDetail idempotencyKeyReused(IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT,
				ProblemTypes.IDEMPOTENCY_KEY_REUSED, "Idempotency key reused", ex.getMessage());
		problem.setProperty("jobId", ex.jobId());
		return problem;
	}

	@ExceptionHandler(MultipartException.class)
	ProblemDetail multipart(MultipartException ex) {
		Throwable cause = (ex.getMostSpecificCause() != ex) ? ex.getMostSpecificCause() : ex;
		return ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				"The multipart body cannot be read: " + cause.getMessage());
	}

	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail undecodableParameter(InvalidParameterException ex) {
		return ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
				"The query string or form cannot be decoded: escape each byte as %XX and encode text as UTF-8");
	}

	@ExceptionHandler(RequestRejectedException.class)
	ProblemDetail rejected(RequestRejectedException ex) {
		return ProblemResponses.rejectedRequest();
	}

	/**
	 * A text of the request that the database cannot store: PostgreSQL's text holds no
	 * NUL character (SQLSTATE 22021). Any other integrity violation is unexpected.
	 */
	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail dataIntegrity(DataIntegrityViolationException ex) {
		if (ex.getMostSpecificCause() instanceof SQLException sql && "22021".equals(sql.getSQLState())) {
			return ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
					"A text of the request holds a NUL character (U+0000), which the database cannot store");
		}
		return unexpected(ex);
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		logger.error("Request failed", ex);
		return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL, "Internal error",
				"The request failed unexpectedly; the server's log has the details.");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String detail = "The request body is missing or is not JSON";
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedUtf8Exception malformed) {
				detail = "The body is " + malformed.getMessage() + ": JSON must be well-formed UTF-8";
				break;
			}
			if (cause instanceof JacksonException json) {
				detail = JsonBodyErrors.describe(json);
			}
		}
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				"Invalid request", detail);
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Names the valid values of an enum parameter; other type mismatches keep Spring's
	 * detail.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		Class<?> type = ex.getRequiredType();
		if (type == null || !type.isEnum()) {
			return super.handleTypeMismatch(ex, headers, status, request);
		}
		String values = Arrays.stream(type.getEnumConstants())
			.map((constant) -> ((Enum<?>) constant).name())
			.collect(Collectors.joining(", "));
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				"Invalid request",
				"Parameter '" + ex.getPropertyName() + "' must be one of " + values + " (in any case)");
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String violations = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> error.getField() + " " + error.getDefaultMessage())
			.sorted()
			.collect(Collectors.joining("; "));
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST,
				"Invalid request", "Invalid request body: " + (violations.isEmpty() ? ex.getMessage() : violations));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemResponses.problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found",
				RequestPaths.noEndpoint(ex, request));
		return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
			ProblemResponses.typeByStatus(problem);
		}
		return response;
	}

}
