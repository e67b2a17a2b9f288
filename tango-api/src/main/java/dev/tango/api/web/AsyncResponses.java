package dev.tango.api.web;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

import dev.tango.api.ApiProperties;

/**
 * Turns a future answer into an asynchronous Spring MVC response, so that the request's
 * thread returns at once. The future is cancelled when the response ends without it: when
 * the client disconnects (the servlet container reports an error), when the asynchronous
 * timeout passes, or on any other early completion; cancelling drops the request's inputs
 * that have not run yet.
 */
@Component
public class AsyncResponses {

	private final long timeoutMillis;

	public AsyncResponses(ApiProperties properties) {
		this.timeoutMillis = servletTimeout(properties).toMillis();
	}

	/**
	 * The servlet's asynchronous timeout: a safety net above the batcher's own deadline.
	 * @param properties the settings
	 * @return twice the request timeout
	 */
	static Duration servletTimeout(ApiProperties properties) {
		return properties.requestTimeout().multipliedBy(2);
	}

	/**
	 * Returns a deferred response that completes with the mapped answer, or with the
	 * failure for the exception handler.
	 * @param <T> the answer's type
	 * @param <R> the response's type
	 * @param future the future answer
	 * @param mapper maps the answer to the response, on the thread that completes the
	 * future
	 * @return the deferred response
	 */
	public <T, R> DeferredResult<R> defer(CompletableFuture<T> future, Function<? super T, ? extends R> mapper) {
		DeferredResult<R> response = new DeferredResult<>(this.timeoutMillis);
		response.onTimeout(() -> future.cancel(false));
		response.onError((error) -> future.cancel(false));
		response.onCompletion(() -> future.cancel(false));
		future.whenComplete((answer, failure) -> {
			if (failure != null) {
				response.setErrorResult(unwrap(failure));
				return;
			}
			try {
				response.setResult(mapper.apply(answer));
			}
			catch (RuntimeException ex) {
				response.setErrorResult(ex);
			}
		});
		return response;
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
