package dev.tango.api.web;

import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipException;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import dev.tango.api.classify.InvalidInputException;
import dev.tango.api.classify.RequestTooLargeException;
import dev.tango.api.classify.TokenLimitExceededException;
import dev.tango.api.feedback.FeedbackRateExceededException;
import dev.tango.api.feedback.FeedbackUnavailableException;
import dev.tango.api.serving.CascadeNotFoundException;
import dev.tango.api.serving.CascadeNotReadyException;
import dev.tango.api.serving.RetryLaterException;
import dev.tango.api.serving.VersionNotServedException;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.tier.TierException;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.web.JsonBodyErrors;
import dev.tango.web.RequestPaths;
import dev.tango.web.StatusProblemKinds.ProblemKind;
import dev.tango.web.body.Utf8CheckingInputStream.MalformedUtf8Exception;

/**
 * The one exception handler of the service. Every error is an RFC 9457 problem detail
 * ({@code application/problem+json}) with a stable {@link ProblemTypes type} URI, a
 * title, a detail that says what to change, and the request path as its instance; 429 and
 * 503 carry {@code Retry-After} in seconds. Under {@code /v2}, the Open Inference
 * Protocol's paths, the same error is the protocol's {@code {"error": "..."}} object with
 * the same status and headers.
 *
 * <p>
 * Bad input is always a 4xx: only a failing model (500 {@code inference-failed}) or a bug
 * (500 {@code internal-error}, logged with its stack trace) gives a 5xx other than 503.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** The status logged for a request whose client left, as reverse proxies do. */
	private static final int CLIENT_CLOSED_REQUEST = 499;

	/**
	 * The problems of the refusals whose detail is their message: a status, a type and a
	 * title each, and {@code Retry-After} where the exception gives one.
	 */
	/** The refusals {@link #refused} answers, one for each exception it handles. */
	static final List<Refusal> REFUSALS = List.of(
			new Refusal(CascadeNotFoundException.class, HttpStatus.NOT_FOUND, ProblemTypes.CASCADE_NOT_FOUND,
					"Cascade not found"),
			new Refusal(VersionNotServedException.class, HttpStatus.NOT_FOUND, ProblemTypes.VERSION_NOT_SERVED,
					"Version not served"),
			new Refusal(CascadeNotReadyException.class, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.CASCADE_NOT_READY,
					"Cascade not ready"),
			new Refusal(InvalidInputException.class, HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_INPUT,
					"Invalid input"),
			new Refusal(FeedbackRateExceededException.class, HttpStatus.TOO_MANY_REQUESTS,
					ProblemTypes.FEEDBACK_RATE_EXCEEDED, "Too much feedback"),
			new Refusal(TierUnavailableException.class, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.TIER_UNAVAILABLE,
					"Tier unavailable"),
			new Refusal(BodyTooLargeException.class, HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.BODY_TOO_LARGE,
					"Body too large"));

	@ExceptionHandler({ CascadeNotFoundException.class, VersionNotServedException.class, CascadeNotReadyException.class,
			InvalidInputException.class, FeedbackRateExceededException.class, TierUnavailableException.class,
			BodyTooLargeException.class })
	ResponseEntity<Object> refused(Exception ex, WebRequest request) {
		Refusal refusal = REFUSALS.stream()
			.filter((candidate) -> candidate.refused().isInstance(ex))
			.findFirst()
			.orElseThrow();
		Duration retryAfter = switch (ex) {
			case RetryLaterException retry -> retry.retryAfter();
			case TierUnavailableException unavailable -> unavailable.retryAfter();
			default -> null;
		};
		return problem(refusal.status(), refusal.type(), refusal.title(), ex.getMessage(), retryAfter, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> requestTooLarge(RequestTooLargeException ex, WebRequest request) {
		boolean tooMany = ex.kind() == RequestTooLargeException.Kind.TOO_MANY_INPUTS;
		return problem(HttpStatus.CONTENT_TOO_LARGE,
				tooMany ? ProblemTypes.TOO_MANY_INPUTS : ProblemTypes.INPUT_TOO_LONG,
				tooMany ? "Too many inputs" : "Input too long", ex.getMessage(), null, request);
	}

	/**
	 * Refuses a body in a content coding the service does not decode, naming the one it
	 * does in {@code Accept-Encoding} (RFC 9110, 15.5.16).
	 */
	@ExceptionHandler
	ResponseEntity<Object> unsupportedEncoding(UnsupportedContentEncodingException ex, WebRequest request) {
		return problemWithHeaders(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_CONTENT_ENCODING,
				"Unsupported content encoding", ex.getMessage(), header(HttpHeaders.ACCEPT_ENCODING, "gzip"), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> tokenLimitExceeded(TokenLimitExceededException ex, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setType(ProblemTypes.TOKEN_LIMIT_EXCEEDED);
		problem.setTitle("Input longer than the model reads");
		problem.setProperty("inputs", ex.inputs());
		return respond(problem, new HttpHeaders(), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> rejected(RequestRejectedException ex, WebRequest request) {
		return switch (ex.reason()) {
			case QUEUE_FULL, OVERLOADED -> problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.QUEUE_FULL,
					"Too many requests", "The service is at capacity: " + ex.getMessage(), ex.retryAfter(), request);
			case DEADLINE_EXCEEDED -> problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DEADLINE_EXCEEDED,
					"Deadline exceeded", ex.getMessage(), ex.retryAfter(), request);
			case SHUTTING_DOWN -> problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SHUTTING_DOWN, "Shutting down",
					ex.getMessage(), ex.retryAfter(), request);
		};
	}

	@ExceptionHandler
	ResponseEntity<Object> feedbackUnavailable(FeedbackUnavailableException ex, WebRequest request) {
		log.warn("Feedback not stored: {}", String.valueOf(ex.getCause()));
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.FEEDBACK_UNAVAILABLE, "Feedback unavailable",
				ex.getMessage(), FeedbackUnavailableException.RETRY_AFTER, request);
	}

	@ExceptionHandler
	ResponseEntity<Object> tierFailed(TierException ex, WebRequest request) {
		log.error("Inference failed: {}", ex.getMessage(), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INFERENCE_FAILED, "Inference failed",
				"A tier of the cascade failed to classify this request; the service's log has the cause", null,
				request);
	}

	@ExceptionHandler
	ResponseEntity<Object> unauthorized(ApiKeyException ex, WebRequest request) {
		return problemWithHeaders(HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", ex.getMessage(),
				header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"tango\""), request);
	}

	@ExceptionHandler
	ResponseEntity<Object> undecodableParameter(InvalidParameterException ex, WebRequest request) {
		return malformed("The query string or form cannot be decoded: escape each byte as %XX and encode text as UTF-8",
				request);
	}

	@ExceptionHandler
	@Nullable ResponseEntity<Object> abandoned(RequestAbandonedException ex, WebRequest request) {
		log.debug("{} {}", RequestPaths.of(request), ex.getMessage());
		return ResponseEntity.status(HttpStatusCode.valueOf(CLIENT_CLOSED_REQUEST)).build();
	}

	@ExceptionHandler
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		log.error("Unexpected failure of {}", RequestPaths.of(request), ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, "Internal error",
				"The service failed unexpectedly; the failure is logged", null, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLargeException tooLarge) {
				return refused(tooLarge, request);
			}
			if (cause instanceof ZipException || cause instanceof EOFException) {
				return malformed("The gzip body cannot be decompressed: "
						+ Objects.requireNonNullElse(cause.getMessage(), "it ends too early"), request);
			}
			if (cause instanceof MalformedUtf8Exception malformed) {
				return malformed("The body is " + malformed.getMessage() + ": JSON must be well-formed UTF-8", request);
			}
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof JacksonException json) {
				return malformed(JsonBodyErrors.describe(json), request);
			}
		}
		return malformed("The request body is missing or is not JSON", request);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", RequestPaths.noEndpoint(ex, request),
				null, request);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String given = request.getHeader(HttpHeaders.CONTENT_TYPE);
		if (given == null || given.isBlank()) {
			ex.getBody().setDetail("The request has no Content-Type: send its body as application/json");
		}
		return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
	}

	/**
	 * An answer that could not be written. A failure to send it, once part of it is out,
	 * is its client leaving (logged at debug, as a client may cause it at will); any
	 * other failure is the service's: logged as an error, and answered 500 while nothing
	 * was sent.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotWritable(HttpMessageNotWritableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		boolean committed = request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& servlet.getResponse().isCommitted();
		if (!committed) {
			return unexpected(ex, request);
		}
		if (isSendingFailure(ex)) {
			log.debug("The answer to {} could not be written, its client left: {}", RequestPaths.of(request),
					ex.getMessage());
		}
		else {
			log.error("The answer to {} failed while it was written", RequestPaths.of(request), ex);
		}
		return null;
	}

	private static boolean isSendingFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.DEADLINE_EXCEEDED, "Deadline exceeded",
				"The request was not answered in time", Duration.ofSeconds(1), request);
	}

	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
			ProblemKind kind = ProblemTypes.kindOf(statusCode.value());
			problem.setType(kind.type());
			problem.setTitle(kind.title());
		}
		if (problem.getInstance() == null) {
			String path = RequestPaths.of(request);
			if (path != null) {
				problem.setInstance(URI.create(path));
			}
		}
		if (isOpenInferencePath(request)) {
			HttpHeaders json = new HttpHeaders();
			json.addAll(headers);
			json.setContentType(MediaType.APPLICATION_JSON);
			String error = (problem.getDetail() != null) ? problem.getDetail() : String.valueOf(problem.getTitle());
			return new ResponseEntity<>(Map.of("error", error), json, statusCode);
		}
		return new ResponseEntity<>(problem, headers, statusCode);
	}

	private ResponseEntity<Object> problem(HttpStatus status, URI type, String title, @Nullable String detail,
			@Nullable Duration retryAfter, WebRequest request) {
		HttpHeaders headers = (retryAfter != null)
				? header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
				: new HttpHeaders();
		return problemWithHeaders(status, type, title, detail, headers, request);
	}

	private ResponseEntity<Object> problemWithHeaders(HttpStatus status, URI type, String title,
			@Nullable String detail, HttpHeaders headers, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
		return respond(problem, headers, request);
	}

	private static HttpHeaders header(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(name, value);
		return headers;
	}

	private ResponseEntity<Object> malformed(String detail, WebRequest request) {
		return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, "Malformed request", detail, null,
				request);
	}

	private ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers, WebRequest request) {
		return createResponseEntity(problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
	}

	private static boolean isOpenInferencePath(WebRequest request) {
		String path = RequestPaths.of(request);
		return path != null && (path.equals("/v2") || path.startsWith("/v2/"));
	}

	/**
	 * The problem of a refusal: its detail is the refusal's message.
	 *
	 * @param refused the exception that refuses a request
	 * @param status the status
	 * @param type the problem type
	 * @param title the title
	 */
	record Refusal(Class<? extends Exception> refused, HttpStatus status, URI type, String title) {
	}

}
