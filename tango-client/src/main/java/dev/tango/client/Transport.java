package dev.tango.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Sends calls to the service and retries them by a {@link RetryPolicy}. Immutable and
 * thread-safe, as its {@link HttpClient} is.
 */
final class Transport {

	/** The statuses that ask the caller to come back later. */
	private static final Set<Integer> RETRYABLE = Set.of(429, 503);

	static final String API_KEY_HEADER = "X-API-Key";

	/**
	 * The largest answer body read, 64 MiB (as {@link TangoClient} says); a call whose
	 * answer is longer fails.
	 */
	static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

	/** How much of an error body is read, 1 MiB (as {@link TangoClient} says). */
	static final int MAX_ERROR_BYTES = 1024 * 1024;

	private final HttpClient http;

	private final boolean ownsHttp;

	private final String base;

	private final @Nullable String apiKey;

	private final Duration requestTimeout;

	private final RetryPolicy retry;

	private final Problems problems;

	/**
	 * Makes a transport.
	 * @param http the client that sends
	 * @param ownsHttp whether {@link #close()} closes {@code http}
	 * @param base the base URI, without a trailing slash
	 * @param apiKey the API key sent with every call, or {@code null}
	 * @param requestTimeout the longest an attempt may take, headers and body
	 * @param retry the retry policy
	 * @param problems reads error answers
	 */
	Transport(HttpClient http, boolean ownsHttp, String base, @Nullable String apiKey, Duration requestTimeout,
			RetryPolicy retry, Problems problems) {
		this.http = http;
		this.ownsHttp = ownsHttp;
		this.base = base;
		this.apiKey = apiKey;
		this.requestTimeout = requestTimeout;
		this.retry = retry;
		this.problems = problems;
	}

	Transport withRetry(RetryPolicy policy) {
		return new Transport(this.http, this.ownsHttp, this.base, this.apiKey, this.requestTimeout, policy,
				this.problems);
	}

	/**
	 * Returns a transport like this one, sharing its connections, that sends to another
	 * base URI without the API key (the Actuator probes need none, and the URI may name
	 * another host); closing it leaves the connections open.
	 * @param other the base URI, without a trailing slash
	 * @return the transport
	 */
	Transport at(String other) {
		return new Transport(this.http, false, other, null, this.requestTimeout, this.retry, this.problems);
	}

	RetryPolicy retry() {
		return this.retry;
	}

	/**
	 * Closes the {@link HttpClient} if it is the client's own, once calls in flight end.
	 */
	void close() {
		if (this.ownsHttp) {
			this.http.close();
		}
	}

	/**
	 * Sends a call, retrying it as the policy allows.
	 * @param <T> the type of its answer
	 * @param call the call
	 * @return its answer
	 * @throws TangoApiException for an error answer that is not retried, or the last one
	 * @throws UncheckedIOException for an I/O failure that is not retried, or the last
	 * one; an {@link InterruptedIOException} inside if the thread was interrupted
	 */
	<T> T send(Call<T> call) {
		URI uri = URI.create(this.base + call.path());
		HttpRequest request = request(call, uri);
		long start = System.nanoTime();
		long deadline = TimeUnit.NANOSECONDS.convert(this.retry.deadline());
		List<Exception> earlier = new ArrayList<>();
		for (int attempt = 1;; attempt++) {
			RuntimeException failure;
			long wait;
			try {
				HttpResponse<BoundedBody.Body> response = exchange(call, request,
						timeoutNanos(deadline - (System.nanoTime() - start)));
				byte[] body = response.body().bytes();
				if (call.answers().contains(response.statusCode())) {
					if (response.body().truncated()) {
						throw withEarlier(
								new UncheckedIOException(new IOException(call.method() + " " + uri
										+ ": the answer is longer than " + MAX_ANSWER_BYTES + " bytes, the most read")),
								earlier);
					}
					return call.reader().read(response.statusCode(), body);
				}
				TangoApiException error = this.problems.read(call.method(), uri, response.statusCode(),
						response.headers(), body, Instant.now());
				if (!RETRYABLE.contains(error.status())) {
					throw withEarlier(error, earlier);
				}
				failure = error;
				wait = this.retry.waitNanos(attempt, error.retryAfter().orElse(null));
			}
			catch (IOException ex) {
				boolean nothingSent = ex instanceof ConnectException || ex instanceof HttpConnectTimeoutException;
				failure = new UncheckedIOException(call.method() + " " + uri + ": " + ex, ex);
				if ((!nothingSent && !call.idempotent()) || this.http.isTerminated()) {
					throw withEarlier(failure, earlier);
				}
				wait = this.retry.waitNanos(attempt, null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw withEarlier(new UncheckedIOException(
						new InterruptedIOException(call.method() + " " + uri + ": interrupted")), earlier);
			}
			if (attempt >= this.retry.maxAttempts() || wait >= deadline - (System.nanoTime() - start)) {
				throw withEarlier(failure, earlier);
			}
			earlier.add(failure);
			sleep(wait, call, uri, earlier);
		}
	}

	/**
	 * Makes one attempt, its whole exchange (connecting, headers and body) bounded by a
	 * timeout: {@link HttpRequest#timeout()} would bound it only until the headers
	 * arrive. An exchange cut short is aborted, which closes its connection.
	 */
	private HttpResponse<BoundedBody.Body> exchange(Call<?> call, HttpRequest request, long timeoutNanos)
			throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<BoundedBody.Body>> response = this.http.sendAsync(request,
				(info) -> new BoundedBody(
						call.answers().contains(info.statusCode()) ? MAX_ANSWER_BYTES : MAX_ERROR_BYTES));
		try {
			return response.get(timeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			response.cancel(true);
			throw new HttpTimeoutException("request timed out");
		}
		catch (InterruptedException ex) {
			response.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException unchecked) {
				throw unchecked;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw (cause instanceof IOException io) ? io : new IOException(cause);
		}
	}

	private HttpRequest request(Call<?> call, URI uri) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", "application/json, application/problem+json");
		if (this.apiKey != null) {
			request.header(API_KEY_HEADER, this.apiKey);
		}
		call.headers().forEach(request::header);
		byte[] body = call.body();
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(call.method(), HttpRequest.BodyPublishers.ofByteArray(body));
		}
		else {
			request.method(call.method(), HttpRequest.BodyPublishers.noBody());
		}
		return request.build();
	}

	/** An attempt's timeout: the request timeout, cut to what is left of the deadline. */
	private long timeoutNanos(long leftNanos) {
		return Math.min(Math.max(TimeUnit.MILLISECONDS.toNanos(1), leftNanos),
				TimeUnit.NANOSECONDS.convert(this.requestTimeout));
	}

	private static void sleep(long waitNanos, Call<?> call, URI uri, List<Exception> earlier) {
		try {
			TimeUnit.NANOSECONDS.sleep(waitNanos);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw withEarlier(new UncheckedIOException(
					new InterruptedIOException(call.method() + " " + uri + ": interrupted while waiting to retry")),
					earlier);
		}
	}

	private static RuntimeException withEarlier(RuntimeException failure, List<Exception> earlier) {
		earlier.forEach(failure::addSuppressed);
		return failure;
	}

}
