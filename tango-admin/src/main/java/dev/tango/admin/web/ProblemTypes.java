package dev.tango.admin.web;

import java.net.URI;

/**
 * The stable {@code type} URIs of the problems (RFC 9457) the admin service answers with.
 * Clients may rely on them; the README lists them.
 */
public final class ProblemTypes {

	/** The base of every type URI. */
	public static final String BASE = "https://tango.dev/problems/";

	/** 401: no or invalid credentials. */
	public static final URI UNAUTHENTICATED = type("unauthenticated");

	/** 403: authenticated, but without the role the request needs. */
	public static final URI FORBIDDEN = type("forbidden");

	/** 400: a malformed or invalid request (body, parameters, registry rules). */
	public static final URI INVALID_REQUEST = type("invalid-request");

	/** 400: an artifact URI refused by the artifact policy. */
	public static final URI INVALID_ARTIFACT = type("invalid-artifact");

	/**
	 * 422: a model version whose verified files cannot be served (an ONNX model that is
	 * unreadable or references files outside itself, an empty or unparsable file, a head
	 * that contradicts the version); names the reason and, for ONNX, the tensor.
	 */
	public static final URI INVALID_MODEL = type("invalid-model");

	/** 404: a model, cascade, version, data set or job that does not exist. */
	public static final URI NOT_FOUND = type("not-found");

	/** 409: the request conflicts with the current state (a concurrent change won). */
	public static final URI CONFLICT = type("conflict");

	/** 422: an uploaded data set that cannot be accepted; names the line and reason. */
	public static final URI INVALID_DATASET = type("invalid-dataset");

	/** 422: an idempotency key sent again with a different job; names the key's job. */
	public static final URI IDEMPOTENCY_KEY_REUSED = type("idempotency-key-reused");

	/** 413: an upload larger than the configured limit. */
	public static final URI PAYLOAD_TOO_LARGE = type("payload-too-large");

	/** 415: a content type the endpoint does not read. */
	public static final URI UNSUPPORTED_MEDIA_TYPE = type("unsupported-media-type");

	/** 405: a method the resource does not support. */
	public static final URI METHOD_NOT_ALLOWED = type("method-not-allowed");

	/** 406: the client accepts none of the types the resource is written in (JSON). */
	public static final URI NOT_ACCEPTABLE = type("not-acceptable");

	/**
	 * 416: a download's {@code Range} that the file cannot satisfy; comes with a
	 * {@code Content-Range} giving the file's length.
	 */
	public static final URI RANGE_NOT_SATISFIABLE = type("range-not-satisfiable");

	/**
	 * 503: the job queue holds as many jobs as it may; nothing was queued. Comes with
	 * {@code Retry-After}.
	 */
	public static final URI QUEUE_FULL = type("queue-full");

	/**
	 * 429: the submitting user has as many jobs queued as one user may; nothing was
	 * queued. Comes with {@code Retry-After}.
	 */
	public static final URI TOO_MANY_QUEUED_JOBS = type("too-many-queued-jobs");

	/**
	 * 503: the registry's database cannot be reached. Comes with {@code Retry-After}.
	 */
	public static final URI REGISTRY_UNAVAILABLE = type("registry-unavailable");

	/**
	 * 429: too many failed sign-ins from the client's address; no credentials are
	 * verified until {@code Retry-After} has passed.
	 */
	public static final URI TOO_MANY_SIGN_IN_FAILURES = type("too-many-sign-in-failures");

	/** 500: an unexpected failure; details are in the server's log. */
	public static final URI INTERNAL = type("internal");

	private ProblemTypes() {
	}

	private static URI type(String slug) {
		return URI.create(BASE + slug);
	}

}
