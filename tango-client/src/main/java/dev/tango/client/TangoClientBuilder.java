package dev.tango.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link TangoClient}. Not thread-safe; the client it builds is.
 */
public final class TangoClientBuilder {

	private final URI baseUri;

	private @Nullable String apiKey;

	private RetryPolicy retry = RetryPolicy.defaults();

	private Duration requestTimeout = Duration.ofSeconds(30);

	private Duration connectTimeout = Duration.ofSeconds(5);

	private @Nullable HttpClient httpClient;

	TangoClientBuilder(URI baseUri) {
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
	public TangoClientBuilder apiKey(String apiKey) {
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
	public TangoClientBuilder retry(RetryPolicy policy) {
		this.retry = Objects.requireNonNull(policy, "policy");
		return this;
	}

	/**
	 * Sets how long one attempt may wait for its answer (30 s unless set); it is cut to
	 * what is left of the retry policy's deadline.
	 * @param timeout the timeout, positive
	 * @return this builder
	 */
	public TangoClientBuilder requestTimeout(Duration timeout) {
		this.requestTimeout = positive(timeout, "requestTimeout");
		return this;
	}

	/**
	 * Sets how long connecting may take (5 s unless set). Ignored if an
	 * {@link #httpClient(HttpClient) HttpClient} is given.
	 * @param timeout the timeout, positive
	 * @return this builder
	 */
	public TangoClientBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = positive(timeout, "connectTimeout");
		return this;
	}

	/**
	 * Uses an {@link HttpClient} of the caller's, such as one with a TLS context of its
	 * own. It should not follow redirects.
	 * @param client the client
	 * @return this builder
	 */
	public TangoClientBuilder httpClient(HttpClient client) {
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
