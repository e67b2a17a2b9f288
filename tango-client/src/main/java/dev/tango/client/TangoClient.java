package dev.tango.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.client.classify.ClassifyRequest;
import dev.tango.client.classify.ClassifyResponse;
import dev.tango.client.oip.InferenceRequest;
import dev.tango.client.oip.InferenceResponse;
import dev.tango.client.oip.ModelMetadata;
import dev.tango.client.oip.ServerMetadata;

/**
 * A client of the Tango classification service: the native API ({@code /v1}), the Open
 * Inference Protocol v2 ({@code /v2}) and the Actuator health probes. Made by
 * {@link #builder(URI)}; immutable and safe to share between threads (one per service is
 * enough: it pools connections).
 *
 * <p>
 * Every method returns the typed answer of a 2xx, or throws:
 * <ul>
 * <li>{@link TangoApiException} for an error answer (its status, problem type, title,
 * detail and {@code Retry-After}), once the {@link RetryPolicy} gives up on it;</li>
 * <li>{@link java.io.UncheckedIOException} when the service cannot be reached, once the
 * policy gives up (an {@link java.io.InterruptedIOException} inside if the calling thread
 * was interrupted, whose interrupt status is then set again);</li>
 * <li>{@link tools.jackson.core.JacksonException} if a 2xx body is not the JSON
 * expected.</li>
 * </ul>
 * Earlier failed attempts of a call are attached to the exception as suppressed
 * exceptions. Fields that the service adds to its answers are ignored; fields that a
 * request leaves {@code null} are not sent.
 */
public final class TangoClient {

	private static final Set<Integer> OK = Set.of(200);

	/** The probes whose 503 is an answer ("not ready"), not an error. */
	private static final Set<Integer> OK_OR_UNAVAILABLE = Set.of(200, 503);

	private final Transport transport;

	private final JsonMapper json;

	private TangoClient(Transport transport, JsonMapper json) {
		this.transport = transport;
		this.json = json;
	}

	/**
	 * Starts building a client.
	 * @param baseUri the service's base URI, such as {@code http://localhost:8080}; a
	 * path in it is kept as a prefix of every call's path
	 * @return a builder
	 */
	public static Builder builder(URI baseUri) {
		return new Builder(baseUri);
	}

	/**
	 * Returns a client like this one, sharing its connections, that retries by another
	 * policy.
	 * @param policy the policy
	 * @return the client
	 */
	public TangoClient withRetry(RetryPolicy policy) {
		return new TangoClient(this.transport.withRetry(Objects.requireNonNull(policy, "policy")), this.json);
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
		return post("/v1/classify", request, ClassifyResponse.class);
	}

	/**
	 * Classifies with a cascade, {@code POST /v1/cascades/{name}/classify}. Not
	 * idempotent: retried on 429, 503 and failures to connect only.
	 * @param cascade the cascade's name
	 * @param request the inputs and options
	 * @return one result per input
	 */
	public ClassifyResponse classify(String cascade, ClassifyRequest request) {
		return post("/v1/cascades/" + segment(cascade) + "/classify", request, ClassifyResponse.class);
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
	 * answer here, not an error.
	 * @return {@code true} if ready
	 */
	public boolean serverReady() {
		return get("/v2/health/ready", OK_OR_UNAVAILABLE, Flags.class).ready();
	}

	/**
	 * Asks whether a version of a cascade serves, {@code GET /v2/models/{name}/ready}. A
	 * 503 is an answer here, not an error.
	 * @param model the cascade's name
	 * @return {@code true} if a version serves
	 * @throws TangoApiException 404 if no cascade of that name is active
	 */
	public boolean modelReady(String model) {
		return get(modelPath(model, null) + "/ready", OK_OR_UNAVAILABLE, Flags.class).ready();
	}

	/**
	 * Asks whether a version of a cascade serves, {@code GET
	 * /v2/models/{name}/versions/{version}/ready}. A 503 is an answer here, not an error.
	 * @param model the cascade's name
	 * @param version the version
	 * @return {@code true} if that version serves
	 * @throws TangoApiException 404 if no cascade of that name is active
	 */
	public boolean modelReady(String model, String version) {
		return get(modelPath(model, version) + "/ready", OK_OR_UNAVAILABLE, Flags.class).ready();
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
		return post(modelPath(model, null) + "/infer", request, InferenceResponse.class);
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
		return post(modelPath(model, version) + "/infer", request, InferenceResponse.class);
	}

	/**
	 * Reads the service's health, {@code GET /actuator/health}. A 503 (down) is an answer
	 * here, not an error.
	 * @return the health, with the cascades' and the registry's details
	 */
	public Health health() {
		return get("/actuator/health", OK_OR_UNAVAILABLE, Health.class);
	}

	/**
	 * Reads the readiness probe, {@code GET /actuator/health/readiness}: up once the
	 * active cascades serve. A 503 (not ready) is an answer here, not an error.
	 * @return the readiness, with one component per cascade under {@code cascades}
	 */
	public Health readiness() {
		return get("/actuator/health/readiness", OK_OR_UNAVAILABLE, Health.class);
	}

	/**
	 * Reads the liveness probe, {@code GET /actuator/health/liveness}. A 503 is an answer
	 * here, not an error.
	 * @return the liveness
	 */
	public Health liveness() {
		return get("/actuator/health/liveness", OK_OR_UNAVAILABLE, Health.class);
	}

	private <T> T get(String path, Set<Integer> answers, Class<T> type) {
		return this.transport.send(new Call<>("GET", path, null, answers, (status, body) -> read(body, type)));
	}

	private <T> T post(String path, Object request, Class<T> type) {
		Objects.requireNonNull(request, "request");
		byte[] body = this.json.writeValueAsBytes(request);
		return this.transport.send(new Call<>("POST", path, body, OK, (status, answer) -> read(answer, type)));
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

	/**
	 * Builds a {@link TangoClient}. Not thread-safe; the client it builds is.
	 */
	public static final class Builder {

		private final URI baseUri;

		private @Nullable String apiKey;

		private RetryPolicy retry = RetryPolicy.defaults();

		private Duration requestTimeout = Duration.ofSeconds(30);

		private Duration connectTimeout = Duration.ofSeconds(5);

		private @Nullable HttpClient httpClient;

		private Builder(URI baseUri) {
			Objects.requireNonNull(baseUri, "baseUri");
			if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
				throw new IllegalArgumentException("The base URI must be http or https, was " + baseUri);
			}
			if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
				throw new IllegalArgumentException("The base URI must have no query or fragment, was " + baseUri);
			}
			this.baseUri = baseUri;
		}

		/**
		 * Sends an API key with every call, as {@code X-API-Key}. Needed when the service
		 * requires keys ({@code tango.api.auth.enabled}); the probes ignore it.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			Objects.requireNonNull(apiKey, "apiKey");
			if (apiKey.isBlank()) {
				throw new IllegalArgumentException("The API key is blank");
			}
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Sets when calls are retried; {@link RetryPolicy#defaults()} unless set.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder retry(RetryPolicy policy) {
			this.retry = Objects.requireNonNull(policy, "policy");
			return this;
		}

		/**
		 * Sets how long one attempt may wait for its answer (30 s unless set); it is cut
		 * to what is left of the retry policy's deadline.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder requestTimeout(Duration timeout) {
			this.requestTimeout = positive(timeout, "requestTimeout");
			return this;
		}

		/**
		 * Sets how long connecting may take (5 s unless set). Ignored if an
		 * {@link #httpClient(HttpClient) HttpClient} is given.
		 * @param timeout the timeout, positive
		 * @return this builder
		 */
		public Builder connectTimeout(Duration timeout) {
			this.connectTimeout = positive(timeout, "connectTimeout");
			return this;
		}

		/**
		 * Uses an {@link HttpClient} of the caller's, such as one with a TLS context of
		 * its own. It should not follow redirects.
		 * @param client the client
		 * @return this builder
		 */
		public Builder httpClient(HttpClient client) {
			this.httpClient = Objects.requireNonNull(client, "client");
			return this;
		}

		/**
		 * Builds the client.
		 * @return the client
		 */
		public TangoClient build() {
			HttpClient http = (this.httpClient != null) ? this.httpClient
					: HttpClient.newBuilder().connectTimeout(this.connectTimeout).build();
			JsonMapper json = JsonMapper.builder()
				.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
				.build();
			return new TangoClient(
					new Transport(http, this.baseUri, this.apiKey, this.requestTimeout, this.retry, new Problems(json)),
					json);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, name);
			if (duration.isNegative() || duration.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + duration);
			}
			return duration;
		}

	}

}
