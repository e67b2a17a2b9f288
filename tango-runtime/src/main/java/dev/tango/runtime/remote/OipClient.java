package dev.tango.runtime.remote;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.core.tier.UnicodeText;

/**
 * Calls one model endpoint of an Open Inference Protocol v2 server over pooled
 * connections ({@link HttpClient}, HTTP/1.1 or HTTP/2, TLS for {@code https}, mutual when
 * the TLS context holds a key): each call is cut to the time it is given, and attempts
 * that fail for want of a connection, a timeout or a 5xx answer are retried while time
 * and the retry budget last; a failed TLS handshake (an untrusted certificate, a refused
 * client certificate) is not. The timeout covers the whole answer, its body included, and
 * an answer longer than {@link #MAX_BODY_BYTES} is refused as it arrives. Thread-safe;
 * {@link #close()} releases the connections. Each call carries the {@link CallHeaders} of
 * the thread that makes it.
 */
final class OipClient implements AutoCloseable {

	private static final Duration BACKOFF = Duration.ofMillis(50);

	private static final int MAX_ERROR_BODY = 300;

	/**
	 * The longest answer read, in bytes: far above an answer to a batch of hundreds of
	 * inputs over a thousand labels, and small enough that a server cannot fill the heap.
	 */
	static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

	private final URI endpoint;

	private final RemoteOptions options;

	private final @Nullable String authValue;

	private final CallHeaders headers;

	private final HttpClient http;

	/**
	 * Creates a client.
	 * @param endpoint the model's endpoint, already checked
	 * @param options the tier's options
	 * @param authValue the value of the {@link RemoteOptions#authHeader() auth header},
	 * or {@code null} for none
	 * @param headers adds headers to each call, such as the trace context
	 * @param tls the TLS context of {@code https} calls (trust store and client key), or
	 * {@code null} for the JVM's default
	 */
	OipClient(URI endpoint, RemoteOptions options, @Nullable String authValue, CallHeaders headers,
			@Nullable SSLContext tls) {
		this.endpoint = endpoint;
		this.options = options;
		this.authValue = authValue;
		this.headers = headers;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.connectTimeout(options.timeout())
			.followRedirects(HttpClient.Redirect.NEVER);
		if (tls != null) {
			builder.sslContext(tls);
		}
		this.http = builder.build();
	}

	/**
	 * Reads the model's metadata ({@code GET} the endpoint).
	 * @return the metadata
	 * @throws RemoteCallException if no valid answer comes within the timeout
	 */
	JsonNode metadata() {
		return call(HttpRequest.newBuilder(this.endpoint).GET(), this.options.timeout(), "metadata");
	}

	/**
	 * Posts an inference request.
	 * @param body the JSON request
	 * @param timeLeft how long the caller still waits, positive
	 * @return the parsed response
	 * @throws RemoteCallException if no valid answer comes in time
	 */
	JsonNode infer(String body, Duration timeLeft) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.endpoint + "/infer"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return call(request, timeLeft, "infer");
	}

	private JsonNode call(HttpRequest.Builder builder, Duration timeLeft, String what) {
		long deadline = System.nanoTime() + timeLeft.toNanos();
		builder.header("Accept", "application/json");
		this.headers.addTo(builder::header);
		if (this.authValue != null) {
			builder.header(this.options.authHeader(), this.authValue);
		}
		RemoteCallException last = null;
		for (int attempt = 0; attempt <= this.options.retries(); attempt++) {
			long left = deadline - System.nanoTime();
			if (attempt > 0) {
				if (left <= BACKOFF.toNanos() * attempt) {
					break;
				}
				sleep(BACKOFF.multipliedBy(attempt));
				left = deadline - System.nanoTime();
			}
			Duration timeout = Duration.ofNanos(Math.max(1, Math.min(left, this.options.timeout().toNanos())));
			try {
				return attempt(builder.timeout(timeout).build(), what, timeout);
			}
			catch (RemoteCallException ex) {
				last = ex;
				if (!ex.retryable()) {
					throw ex;
				}
			}
		}
		throw (last != null) ? last
				: new RemoteCallException(what, this.endpoint, "not made", "no time left", false, null);
	}

	private JsonNode attempt(HttpRequest request, String what, Duration timeout) {
		CompletableFuture<HttpResponse<byte[]>> sent = this.http.sendAsync(request,
				BoundedBody.handler(MAX_BODY_BYTES));
		HttpResponse<byte[]> response;
		try {
			response = sent.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			sent.cancel(true);
			throw noAnswer(what, timeout, ex);
		}
		catch (ExecutionException ex) {
			throw failed(what, timeout, ex.getCause());
		}
		catch (InterruptedException ex) {
			sent.cancel(true);
			Thread.currentThread().interrupt();
			throw new RemoteCallException(what, this.endpoint, "interrupted", null, false, ex);
		}
		int status = response.statusCode();
		if (status != 200) {
			throw new RemoteCallException(what, this.endpoint, "answered HTTP " + status,
					excerpt(new String(response.body(), StandardCharsets.UTF_8)), status >= 500, null);
		}
		try {
			JsonNode body = JsonMapper.shared().readTree(response.body());
			if (body == null || !body.isObject()) {
				throw new MalformedResponseException("the body is not a JSON object");
			}
			return body;
		}
		catch (JacksonException ex) {
			throw new MalformedResponseException("the body is not JSON: " + ex.getOriginalMessage());
		}
	}

	private RemoteCallException noAnswer(String what, Duration timeout, Throwable cause) {
		return new RemoteCallException(what, this.endpoint, "got no answer within " + timeout.toMillis() + " ms", null,
				true, cause);
	}

	/**
	 * Describes why an exchange failed, its cause unwrapped from the client's wrappers.
	 */
	private RemoteCallException failed(String what, Duration timeout, Throwable cause) {
		Throwable root = cause;
		while ((root instanceof IOException || root instanceof CompletionException) && root.getCause() != null
				&& !(root instanceof SSLException) && !(root instanceof BoundedBody.TooLargeException)
				&& !(root instanceof HttpTimeoutException)) {
			root = root.getCause();
		}
		if (root instanceof BoundedBody.TooLargeException) {
			return new RemoteCallException(what, this.endpoint, "refused: " + root.getMessage(), null, false, cause);
		}
		if (root instanceof HttpTimeoutException) {
			return noAnswer(what, timeout, cause);
		}
		if (root instanceof SSLException) {
			return new RemoteCallException(what, this.endpoint,
					"failed its TLS handshake (check the tier's tlsBundle and the server's certificate)",
					root.toString(), false, cause);
		}
		return new RemoteCallException(what, this.endpoint, "failed", String.valueOf(cause), true, cause);
	}

	private static String excerpt(String body) {
		String head = (body.length() > 4 * MAX_ERROR_BODY) ? body.substring(0, 4 * MAX_ERROR_BODY) : body;
		String flat = head.replaceAll("\\s+", " ").strip();
		return UnicodeText.abbreviate(flat, MAX_ERROR_BODY);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RemoteCallException("interrupted while waiting to retry", ex);
		}
	}

	/**
	 * Releases the connections at once; no call may be in progress.
	 */
	@Override
	public void close() {
		this.http.shutdownNow();
	}

}
