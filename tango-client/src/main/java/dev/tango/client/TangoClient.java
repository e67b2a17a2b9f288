package dev.tango.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.client.classify.ClassifyRequest;
import dev.tango.client.classify.ClassifyResponse;
import dev.tango.client.feedback.FeedbackRequest;
import dev.tango.client.feedback.FeedbackResponse;
import dev.tango.client.oip.InferenceRequest;
import dev.tango.client.oip.InferenceResponse;
import dev.tango.client.oip.ModelMetadata;
import dev.tango.client.oip.ServerMetadata;

/**
 * A client of the Tango classification service: the native API ({@code /v1}), the Open
 * Inference Protocol v2 ({@code /v2}) and the Actuator health probes. Made by
 * {@link #builder(URI)}; immutable and safe to share between threads (one per service is
 * enough: it pools connections). {@link #close() Closed} when no longer needed, it
 * releases them.
 *
 * <p>
 * Every method returns the typed answer of a 2xx, or throws:
 * <ul>
 * <li>{@link TangoApiException} for an error answer (its status, problem type, title,
 * detail and {@code Retry-After}), once the {@link RetryPolicy} gives up on it, or for a
 * redirect, which the client does not follow;</li>
 * <li>{@link java.io.UncheckedIOException} when the service cannot be reached or an
 * attempt outlasts its timeout (a {@link java.net.http.HttpTimeoutException} inside),
 * once the policy gives up; at once if the calling thread is interrupted (an
 * {@link java.io.InterruptedIOException} inside, and the thread's interrupt status set
 * again), if an answer's body is longer than 64 MiB, or if the client is closed;</li>
 * <li>{@link tools.jackson.core.JacksonException} if a 2xx body is not the JSON
 * expected.</li>
 * </ul>
 * Earlier failed attempts of a call are attached to the exception as suppressed
 * exceptions. Of an error answer's body, the first MiB is read. Fields that the service
 * adds to its answers are ignored; fields that a request leaves {@code null} are not
 * sent.
 */
public final class TangoClient implements AutoCloseable {

	/** The header that keeps requests on one cascade version during a canary release. */
	public static final String REQUEST_KEY_HEADER = "Tango-Request-Key";

	private static final Set<Integer> OK = Set.of(200);

	/** The probes whose 503 is an answer ("not ready"), not an error. */
	private static final Set<Integer> OK_OR_UNAVAILABLE = Set.of(200, 503);

	private static final int UNAVAILABLE = 503;

	private final Transport transport;

	/** Where the Actuator probes go: the service's base URI, or its management port's. */
	private final Transport management;

	private final JsonMapper json;

	TangoClient(Transport transport, Transport management, JsonMapper json) {
		this.transport = transport;
		this.management = management;
		this.json = json;
	}

	/**
	 * Starts building a client.
	 * @param baseUri the service's base URI, such as {@code http://localhost:8080}; a
	 * path in it is kept as a prefix of every call's path, without trailing slashes
	 * @return a builder
	 * @throws IllegalArgumentException if the URI is not an {@code http} or {@code https}
	 * URI (in any case) that names a host, or has user information (credentials, which
	 * the client would not send), a query or a fragment
	 */
	public static TangoClientBuilder builder(URI baseUri) {
		return new TangoClientBuilder(baseUri);
	}

	/**
	 * Returns a client like this one, sharing its connections, that retries by another
	 * policy. Closing either client closes the connections of both.
	 * @param policy the policy
	 * @return the client
	 */
	public TangoClient withRetry(RetryPolicy policy) {
		Objects.requireNonNull(policy, "policy");
		return new TangoClient(this.transport.withRetry(policy), this.management.withRetry(policy), this.json);
	}

	/**
	 * Returns the policy by which calls are retried.
	 * @return the policy
	 */
	public RetryPolicy retryPolicy() {
		return this.transport.retry();
	}

	/**
	 * Classifies with the service's default cascade, {@code POST /v1/classify}. Not
	 * idempotent: retried on 429, 503 and failures to connect only.
	 * @param request the inputs and options
	 * @return one result per input
	 */
	public ClassifyResponse classify(ClassifyRequest request) {
		return post("/v1/classify", request, Map.of(), ClassifyResponse.class);
	}

	/**
	 * Classifies with a cascade, {@code POST /v1/cascades/{name}/classify}. Not
	 * idempotent: retried on 429, 503 and failures to connect only.
	 * @param cascade the cascade's name
	 * @param request the inputs and options
	 * @return one result per input
	 */
	public ClassifyResponse classify(String cascade, ClassifyRequest request) {
		return classify(cascade, request, Map.of());
	}

	/**
	 * Classifies with a cascade under a request key, {@code POST
	 * /v1/cascades/{name}/classify} with the header {@value #REQUEST_KEY_HEADER}: during
	 * a canary release, requests that share a key are answered by one cascade version (a
	 * user's requests, say, all by the candidate or all by the active version). Not
	 * idempotent: retried on 429, 503 and failures to connect only.
	 * @param cascade the cascade's name
	 * @param request the inputs and options
	 * @param requestKey the key, not blank
	 * @return one result per input
	 */
	public ClassifyResponse classify(String cascade, ClassifyRequest request, String requestKey) {
		Objects.requireNonNull(requestKey, "requestKey");
		if (requestKey.isBlank()) {
			throw new IllegalArgumentException("The request key is blank");
		}
		return classify(cascade, request, Map.of(REQUEST_KEY_HEADER, requestKey));
	}

	private ClassifyResponse classify(String cascade, ClassifyRequest request, Map<String, String> headers) {
		return post("/v1/cascades/" + segment(cascade) + "/classify", request, headers, ClassifyResponse.class);
	}

	/**
	 * Sends true labels, {@code POST /v1/feedback}: of answers by their
	 * {@link ClassifyResponse.Result#answerId() answer ids}, which count towards the live
	 * accuracy of the version and tier that answered, or of texts, kept for
	 * recalibration. Items are judged one by one: a refused item is an outcome, not an
	 * exception. Retried on 429, 503 and failures to connect only (an item sent twice
	 * counts once).
	 * @param request the items
	 * @return an outcome per item, in order
	 */
	public FeedbackResponse feedback(FeedbackRequest request) {
		return post("/v1/feedback", request, Map.of(), FeedbackResponse.class);
	}

	/**
	 * Reads the server's metadata, {@code GET /v2}.
	 * @return the metadata
	 */
	public ServerMetadata serverMetadata() {
		return get("/v2", OK, ServerMetadata.class);
	}

	/**
	 * Asks whether the server is live, {@code GET /v2/health/live}.
	 * @return {@code true} if it answers live
	 */
	public boolean serverLive() {
		return get("/v2/health/live", OK, Flags.class).live();
	}

	/**
	 * Asks whether every active cascade serves, {@code GET /v2/health/ready}. A 503 is an
	 * answer here, not an error: not ready, whatever its body.
	 * @return {@code true} if ready
	 */
	public boolean serverReady() {
		return ready("/v2/health/ready");
	}

	/**
	 * Asks whether a version of a cascade serves, {@code GET /v2/models/{name}/ready}. A
	 * 503 is an answer here, not an error: not ready, whatever its body.
	 * @param model the cascade's name
	 * @return {@code true} if a version serves
	 * @throws TangoApiException 404 if no cascade of that name is active
	 */
	public boolean modelReady(String model) {
		return ready(modelPath(model, null) + "/ready");
	}

	/**
	 * Asks whether a version of a cascade serves, {@code GET
	 * /v2/models/{name}/versions/{version}/ready}. A 503 is an answer here, not an error:
	 * not ready, whatever its body.
	 * @param model the cascade's name
	 * @param version the version
	 * @return {@code true} if that version serves
	 * @throws TangoApiException 404 if no cascade of that name is active
	 */
	public boolean modelReady(String model, String version) {
		return ready(modelPath(model, version) + "/ready");
	}

	/**
	 * Reads a cascade's metadata, {@code GET /v2/models/{name}}.
	 * @param model the cascade's name
	 * @return the metadata of the version that serves
	 */
	public ModelMetadata modelMetadata(String model) {
		return get(modelPath(model, null), OK, ModelMetadata.class);
	}

	/**
	 * Reads a cascade version's metadata, {@code GET
	 * /v2/models/{name}/versions/{version}}.
	 * @param model the cascade's name
	 * @param version the version, which must be the one that serves (404 otherwise)
	 * @return the metadata
	 */
	public ModelMetadata modelMetadata(String model, String version) {
		return get(modelPath(model, version), OK, ModelMetadata.class);
	}

	/**
	 * Runs inference with the version of a cascade that serves, {@code POST
	 * /v2/models/{name}/infer}. Not idempotent: retried on 429, 503 and failures to
	 * connect only.
	 * @param model the cascade's name
	 * @param request the request
	 * @return the response
	 */
	public InferenceResponse infer(String model, InferenceRequest request) {
		return post(modelPath(model, null) + "/infer", request, Map.of(), InferenceResponse.class);
	}

	/**
	 * Runs inference with a version of a cascade, {@code POST
	 * /v2/models/{name}/versions/{version}/infer}. Not idempotent: retried on 429, 503
	 * and failures to connect only.
	 * @param model the cascade's name
	 * @param version the version, which must be the one that serves (404 otherwise)
	 * @param request the request
	 * @return the response
	 */
	public InferenceResponse infer(String model, String version, InferenceRequest request) {
		return post(modelPath(model, version) + "/infer", request, Map.of(), InferenceResponse.class);
	}

	/**
	 * Reads the service's health, {@code GET /actuator/health} (on the
	 * {@link TangoClientBuilder#managementUri management URI} where one is set). A 503
	 * (down) is an answer here, not an error; one whose body is no health report (a load
	 * balancer's page, a problem detail) reads as {@code DOWN}, without components or
	 * details.
	 * @return the health, with the cascades' and the registry's details
	 */
	public Health health() {
		return health("/actuator/health");
	}

	/**
	 * Reads the readiness probe, {@code GET /actuator/health/readiness}: up once the
	 * active cascades serve. A 503 (not ready) is an answer here, not an error, read as
	 * by {@link #health()}.
	 * @return the readiness, with one component per cascade under {@code cascades}
	 */
	public Health readiness() {
		return health("/actuator/health/readiness");
	}

	/**
	 * Reads the liveness probe, {@code GET /actuator/health/liveness}. A 503 is an answer
	 * here, not an error, read as by {@link #health()}.
	 * @return the liveness
	 */
	public Health liveness() {
		return health("/actuator/health/liveness");
	}

	/**
	 * Closes the connections of this client, once calls in flight end; later calls fail
	 * with an {@link java.io.UncheckedIOException}. The clients that {@link #withRetry}
	 * makes share the connections, so closing one closes them all. Leaves open an
	 * {@link TangoClientBuilder#httpClient(java.net.http.HttpClient) HttpClient of the
	 * caller's}. Closing again does nothing.
	 */
	@Override
	public void close() {
		this.transport.close();
	}

	private <T> T get(String path, Set<Integer> answers, Class<T> type) {
		return this.transport
			.send(new Call<>("GET", path, null, Map.of(), answers, (status, body) -> read(body, type)));
	}

	/** Reads a protocol probe: its 200's flag, or not ready for a 503. */
	private boolean ready(String path) {
		return this.transport.send(new Call<>("GET", path, null, Map.of(), OK_OR_UNAVAILABLE,
				(status, body) -> status != UNAVAILABLE && read(body, Flags.class).ready()));
	}

	/** Reads an Actuator probe: its 200's report, or a 503's if it has one. */
	private Health health(String path) {
		return this.management.send(new Call<>("GET", path, null, Map.of(), OK_OR_UNAVAILABLE,
				(status, body) -> (status != UNAVAILABLE) ? read(body, Health.class) : unavailable(body)));
	}

	/**
	 * Reads a 503's body as a health report if it is one (an object whose status is a
	 * string, which a problem detail's is not); else the report is {@code DOWN}.
	 */
	private Health unavailable(byte[] body) {
		try {
			JsonNode report = this.json.readTree(body);
			if (report != null && report.path("status").isString()) {
				return this.json.treeToValue(report, Health.class);
			}
		}
		catch (JacksonException ex) {
			// a load balancer's page, say: no report
		}
		return new Health("DOWN", Map.of(), Map.of());
	}

	private <T> T post(String path, Object request, Map<String, String> headers, Class<T> type) {
		Objects.requireNonNull(request, "request");
		byte[] body = this.json.writeValueAsBytes(request);
		return this.transport.send(new Call<>("POST", path, body, headers, OK, (status, answer) -> read(answer, type)));
	}

	private <T> T read(byte[] body, Class<T> type) {
		return this.json.readValue(body, type);
	}

	private static String modelPath(String model, @Nullable String version) {
		String path = "/v2/models/" + segment(model);
		return (version != null) ? path + "/versions/" + segment(version) : path;
	}

	private static String segment(String value) {
		Objects.requireNonNull(value, "path segment");
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/**
	 * The boolean answers of the protocol's probes.
	 *
	 * @param live whether the server is live
	 * @param ready whether the server or model is ready
	 */
	record Flags(boolean live, boolean ready) {

	}

}
