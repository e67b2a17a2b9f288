package dev.tango.api.web;

import java.net.URI;
import java.util.Map;

import dev.tango.web.StatusProblemKinds;
import dev.tango.web.StatusProblemKinds.ProblemKind;

/**
 * The stable {@code type} URIs of the problem details the service returns. Each names one
 * kind of problem; clients may branch on it.
 */
public final class ProblemTypes {

	private static final String BASE = "https://tango.dev/problems/";

	/** 400: the body is not valid JSON, or not of the expected shape or types. */
	public static final URI MALFORMED_REQUEST = of("malformed-request");

	/** 400: the request is well-formed but its content is invalid, such as no inputs. */
	public static final URI INVALID_INPUT = of("invalid-input");

	/** 401: the API key is missing or not accepted. */
	public static final URI UNAUTHORIZED = of("unauthorized");

	/** 404: no active cascade has that name. */
	public static final URI CASCADE_NOT_FOUND = of("cascade-not-found");

	/** 404: another version of the cascade serves. */
	public static final URI VERSION_NOT_SERVED = of("version-not-served");

	/** 404: no endpoint at that path. */
	public static final URI NOT_FOUND = of("not-found");

	/** 405: the endpoint does not take that method. */
	public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");

	/** 406: no acceptable representation. */
	public static final URI NOT_ACCEPTABLE = of("not-acceptable");

	/** 413: the body is larger than {@code tango.api.limits.max-body-size}. */
	public static final URI BODY_TOO_LARGE = of("body-too-large");

	/** 413: more inputs than {@code tango.api.limits.max-inputs}. */
	public static final URI TOO_MANY_INPUTS = of("too-many-inputs");

	/** 413: an input longer than {@code tango.api.limits.max-input-chars}. */
	public static final URI INPUT_TOO_LONG = of("input-too-long");

	/** 415: a content type other than JSON. */
	public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");

	/** 415: a content encoding other than identity or gzip. */
	public static final URI UNSUPPORTED_CONTENT_ENCODING = of("unsupported-content-encoding");

	/** 422: an input has more tokens than a tier reads, and truncation was refused. */
	public static final URI TOKEN_LIMIT_EXCEEDED = of("token-limit-exceeded");

	/** 429: the first tier's queue is full; retry after the given delay. */
	public static final URI QUEUE_FULL = of("queue-full");

	/**
	 * 429: a feedback request would exceed the items its client may send per second, or
	 * the items this instance accepts per second from all clients.
	 */
	public static final URI FEEDBACK_RATE_EXCEEDED = of("feedback-rate-exceeded");

	/** 503: feedback cannot be stored: the registry's database is out of reach. */
	public static final URI FEEDBACK_UNAVAILABLE = of("feedback-unavailable");

	/** 503: the request waited longer than {@code tango.api.request-timeout}. */
	public static final URI DEADLINE_EXCEEDED = of("deadline-exceeded");

	/** 503: the version that took the request, or the service, is shutting down. */
	public static final URI SHUTTING_DOWN = of("shutting-down");

	/** 503: the cascade is active but none of its versions serves yet. */
	public static final URI CASCADE_NOT_READY = of("cascade-not-ready");

	/**
	 * 503: a tier's remote server is out of reach (down, too slow, failing, answering
	 * malformed tensors, or behind an open circuit breaker).
	 */
	public static final URI TIER_UNAVAILABLE = of("tier-unavailable");

	/** 500: a tier failed to classify. */
	public static final URI INFERENCE_FAILED = of("inference-failed");

	/** 500: an unexpected failure. */
	public static final URI INTERNAL_ERROR = of("internal-error");

	/** The kind of a problem that only its status describes, by status. */
	private static final Map<Integer, ProblemKind> BY_STATUS = Map.of(400,
			new ProblemKind(MALFORMED_REQUEST, "Malformed request"), 404, new ProblemKind(NOT_FOUND, "Not found"), 405,
			new ProblemKind(METHOD_NOT_ALLOWED, "Method not allowed"), 406,
			new ProblemKind(NOT_ACCEPTABLE, "Not acceptable"), 413, new ProblemKind(BODY_TOO_LARGE, "Body too large"),
			415, new ProblemKind(UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"), 503,
			new ProblemKind(DEADLINE_EXCEEDED, "Deadline exceeded"), 500,
			new ProblemKind(INTERNAL_ERROR, "Internal error"));

	private ProblemTypes() {
	}

	/**
	 * Returns the kind of a problem that only its status describes (raised by Spring MVC,
	 * or by Tomcat below the application): the type and title the service's handlers give
	 * that status, else that of a malformed request (4xx) or an internal error, titled by
	 * the status's reason phrase.
	 * @param status the HTTP status
	 * @return the type and title
	 */
	public static ProblemKind kindOf(int status) {
		ProblemKind kind = BY_STATUS.get(status);
		return (kind != null) ? kind : new ProblemKind((status < 500) ? MALFORMED_REQUEST : INTERNAL_ERROR,
				StatusProblemKinds.reasonPhrase(status));
	}

	private static URI of(String slug) {
		return URI.create(BASE + slug);
	}

}
