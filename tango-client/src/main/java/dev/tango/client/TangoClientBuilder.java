package dev.tango.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a {@link TangoClient}. Not thread-safe; the client it builds is.
 */
public final class TangoClientBuilder {

	/** The base URI, its scheme in lower case, without a trailing slash. */
	private final String base;

	/** Where the Actuator probes go, as {@link #base}. */
	private String management;

	private @Nullable String apiKey;

	private RetryPolicy retry = RetryPolicy.defaults();

	private Duration requestTimeout = Duration.ofSeconds(30);

	private Duration connectTimeout = Duration.ofSeconds(5);

	private @Nullable HttpClient httpClient;

	TangoClientBuilder(URI baseUri) {
		this.base = base(baseUri);
		this.management = this.base;
	}

	/**
	 * Checks a base URI, and writes it as every call's prefix.
	 * @throws IllegalArgumentException if it is not an http or https URI with a host, or
	 * has user information, a query or a fragment
	 */
	private static String base(URI baseUri) {
		Objects.requireNonNull(baseUri, "baseUri");
		if (baseUri.getRawUserInfo() != null
				|| (baseUri.getRawAuthority() != null && baseUri.getRawAuthority().contains("@"))) {
			// never the URI in this message: it holds credentials
			throw new IllegalArgumentException("The base URI must have no user information (credentials): "
					+ "the client never sends it; use apiKey(...) for a key");
		}
		String scheme = baseUri.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException("The base URI must be http or https, was " + baseUri);
		}
		if (baseUri.getHost() == null) {
			throw new IllegalArgumentException("The base URI must name a host, was " + baseUri);
		}
		if (baseUri.getRawQuery() != null || baseUri.getRawFragment() != null) {
			throw new IllegalArgumentException("The base URI must have no query or fragment, was " + baseUri);
		}
		String text = scheme.toLowerCase(Locale.ROOT) + baseUri.toString().substring(scheme.length());
		int end = text.length();
		while (text.charAt(end - 1) == '/') {
			end--;
		}
		return text.substring(0, end);
	}

	/**
	 * Sends an API key with every call, as {@code X-API-Key}. Needed when the service
	 * requires keys ({@code tango.api.auth.enabled}); the probes ignore it.
	 * @param apiKey the key
	 * @return this builder
	 * @throws IllegalArgumentException if the key is blank or holds a character other
	 * than visible ASCII (a space, a control character such as CR or LF, a letter beyond
	 * ASCII), which the service never accepts in a key
	 */
	public TangoClientBuilder apiKey(String apiKey) {
		Objects.requireNonNull(apiKey, "apiKey");
		if (apiKey.isBlank()) {
			throw new IllegalArgumentException("The API key is blank");
		}
		if (!apiKey.chars().allMatch((c) -> c > 0x20 && c < 0x7F)) {
			// never the key in a message
			throw new IllegalArgumentException(
					"The API key holds a character that is not visible ASCII (a space, CR, LF, or a letter beyond "
							+ "ASCII): the service accepts letters, digits and ASCII punctuation only");
		}
		this.apiKey = apiKey;
		return this;
	}

	/**
	 * Sends the Actuator probes ({@link TangoClient#health()}, {@code readiness()},
	 * {@code liveness()}) to another base URI: the service's management port, where a
	 * deployment gives Actuator one of its own ({@code management.server.port}, such as
	 * the Helm chart's 9090). The base URI unless set.
	 * @param managementUri the management base URI, as the base URI is given
	 * @return this builder
	 * @throws IllegalArgumentException on the base URI's terms
	 */
	public TangoClientBuilder managementUri(URI managementUri) {
		this.management = base(managementUri);
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
	 * Sets how long one attempt may take, from sending to the answer's last byte (30 s
	 * unless set); it is cut to what is left of the retry policy's deadline. An attempt
	 * that takes longer fails with an {@link java.net.http.HttpTimeoutException}.
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
	 * own. It should not follow redirects. It stays the caller's to close:
	 * {@link TangoClient#close()} leaves it open.
	 * @param client the client
	 * @return this builder
	 */
	public TangoClientBuilder httpClient(HttpClient client) {
		this.httpClient = Objects.requireNonNull(client, "client");
		return this;
	}

	/**
	 * Builds the client. Unless an {@link #httpClient(HttpClient) HttpClient} was given,
	 * the client makes one of its own, which {@link TangoClient#close()} closes.
	 * @return the client
	 */
	public TangoClient build() {
		boolean ownsHttp = this.httpClient == null;
		HttpClient http = (this.httpClient != null) ? this.httpClient
				: HttpClient.newBuilder().connectTimeout(this.connectTimeout).build();
		JsonMapper json = JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build();
		Transport transport = new Transport(http, ownsHttp, this.base, this.apiKey, this.requestTimeout, this.retry,
				new Problems(json));
		return new TangoClient(transport, transport.at(this.management), json);
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + duration);
		}
		return duration;
	}

}
