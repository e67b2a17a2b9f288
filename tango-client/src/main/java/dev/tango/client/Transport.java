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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Sends calls to the service and retries them by a {@link RetryPolicy}. Immutable and
 * thread-safe, as its {@link HttpClient} is.
 */
final class Transport {

	/** The statuses that ask the caller to come back later. */
	private static final Set<Integer> RETRYABLE = Set.of(429, 503);

	static final String API_KEY_HEADER = "X-API-Key";

	private final HttpClient http;

	private final String base;

	private final @Nullable String apiKey;

	private final Duration requestTimeout;

	private final RetryPolicy retry;

	private final Problems problems;

	Transport(HttpClient http, URI base, @Nullable String apiKey, Duration requestTimeout, RetryPolicy retry,
			Problems problems) {
		this.http = http;
		String text = base.toString();
		this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
		this.apiKey = apiKey;
		this.requestTimeout = requestTimeout;
		this.retry = retry;
		this.problems = problems;
	}

	Transport withRetry(RetryPolicy policy) {
		return new Transport(this.http, URI.create(this.base), this.apiKey, this.requestTimeout, policy, this.problems);
	}

	RetryPolicy retry() {
		return this.retry;
	}

	URI uri(String path) {
		return URI.create(this.base + path);
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
		URI uri = uri(call.path());
		long start = System.nanoTime();
		long deadline = TimeUnit.NANOSECONDS.convert(this.retry.deadline());
		List<Exception> earlier = new ArrayList<>();
		for (int attempt = 1;; attempt++) {
			long left = deadline - (System.nanoTime() - start);
			RuntimeException failure;
			Duration wait;
			try {
				HttpResponse<byte[]> response = this.http.send(request(call, uri, timeout(left)),
						HttpResponse.BodyHandlers.ofByteArray());
				if (call.answers().contains(response.statusCode())) {
					return call.reader().read(response.statusCode(), response.body());
				}
				TangoApiException error = this.problems.read(call.method(), uri, response, Instant.now());
				if (!RETRYABLE.contains(error.status())) {
					throw withEarlier(error, earlier);
				}
				failure = error;
				Duration asked = error.retryAfter().orElse(null);
				wait = (asked != null) ? asked : backoff(attempt);
			}
			catch (IOException ex) {
				boolean nothingSent = ex instanceof ConnectException || ex instanceof HttpConnectTimeoutException;
				failure = new UncheckedIOException(call.method() + " " + uri + ": " + ex, ex);
				if (!nothingSent && !call.idempotent()) {
					throw withEarlier(failure, earlier);
				}
				wait = backoff(attempt);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw withEarlier(new UncheckedIOException(
						new InterruptedIOException(call.method() + " " + uri + ": interrupted")), earlier);
			}
			long elapsedAfterWait = System.nanoTime() - start + TimeUnit.NANOSECONDS.convert(wait);
			if (attempt >= this.retry.maxAttempts() || elapsedAfterWait < 0 || elapsedAfterWait >= deadline) {
				throw withEarlier(failure, earlier);
			}
			earlier.add(failure);
			sleep(wait, call, uri, earlier);
		}
	}

	private HttpRequest request(Call<?> call, URI uri, Duration timeout) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(timeout)
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

	private Duration timeout(long leftNanos) {
		Duration left = Duration.ofNanos(Math.max(TimeUnit.MILLISECONDS.toNanos(1), leftNanos));
		return (left.compareTo(this.requestTimeout) < 0) ? left : this.requestTimeout;
	}

	/** The policy's backoff for a retry, drawn at random in its upper half. */
	private Duration backoff(int retry) {
		long nanos = this.retry.backoff(retry).toNanos();
		return Duration.ofNanos((nanos < 2) ? nanos : nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
	}

	private static void sleep(Duration wait, Call<?> call, URI uri, List<Exception> earlier) {
		try {
			Thread.sleep(wait);
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
