package dev.tango.api.web;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.context.request.async.DeferredResult;

import dev.tango.api.ApiProperties;

/**
 * Turns a future answer into an asynchronous Spring MVC response, so that the request's
 * thread returns at once, and cancels the future when the response ends without it:
 * <ul>
 * <li>when the client disconnects: the servlet container reports it (as an error), or,
 * where the container offers a {@link ConnectionProbe}, a probe every
 * {@link ApiProperties#disconnectCheckInterval()} finds it first (counted in
 * {@code tango.disconnects});</li>
 * <li>when the servlet's asynchronous timeout passes (the response is a 503).</li>
 * </ul>
 * Cancelling drops the request's inputs that have not run yet.
 */
@Component
public class AsyncResponses implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(AsyncResponses.class);

	private final long timeoutMillis;

	private final long probeMillis;

	private final Counter disconnects;

	private final ScheduledExecutorService probes;

	public AsyncResponses(ApiProperties properties, MeterRegistry meters) {
		this.timeoutMillis = servletTimeout(properties).toMillis();
		this.probeMillis = properties.disconnectCheckInterval().toMillis();
		this.disconnects = Counter.builder("tango.disconnects")
			.description("Requests whose client closed the connection before the answer was ready")
			.register(meters);
		this.probes = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("tango-disconnect-probe").daemon(true).factory());
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
	 * failure for the exception handler. Call it on the request's thread.
	 * @param <T> the answer's type
	 * @param <R> the response's type
	 * @param future the future answer
	 * @param mapper maps the answer to the response, on the thread that completes the
	 * future
	 * @return the deferred response
	 */
	public <T, R> DeferredResult<R> defer(CompletableFuture<T> future, Function<? super T, ? extends R> mapper) {
		DeferredResult<R> response = new DeferredResult<>(this.timeoutMillis);
		Watch watch = watch(future, response);
		response.onTimeout(() -> {
			watch.stop();
			response.setErrorResult(new AsyncRequestTimeoutException());
			future.cancel(false);
		});
		response.onError((error) -> {
			watch.stop();
			response.setErrorResult(new RequestAbandonedException());
			future.cancel(false);
		});
		response.onCompletion(() -> {
			watch.stop();
			future.cancel(false);
		});
		future.whenComplete((answer, failure) -> {
			watch.stop();
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

	private Watch watch(CompletableFuture<?> future, DeferredResult<?> response) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		Object probe = (attributes != null)
				? attributes.getAttribute(ConnectionProbe.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST) : null;
		Watch watch = new Watch((probe instanceof ConnectionProbe connection) ? connection : null, future, response);
		if (watch.probe != null && this.probeMillis > 0 && !future.isDone()) {
			watch.task = this.probes.scheduleWithFixedDelay(watch, this.probeMillis, this.probeMillis,
					TimeUnit.MILLISECONDS);
		}
		return watch;
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		return (cause instanceof CancellationException) ? new RequestAbandonedException() : cause;
	}

	@Override
	public void destroy() {
		this.probes.shutdownNow();
	}

	/**
	 * Probes one request's connection until its response is decided. Probing and deciding
	 * the response exclude each other, so that a probe never runs while the container
	 * writes the response.
	 */
	private final class Watch implements Runnable {

		private final @Nullable ConnectionProbe probe;

		private final CompletableFuture<?> future;

		private final DeferredResult<?> response;

		private volatile @Nullable ScheduledFuture<?> task;

		private boolean stopped;

		Watch(@Nullable ConnectionProbe probe, CompletableFuture<?> future, DeferredResult<?> response) {
			this.probe = probe;
			this.future = future;
			this.response = response;
		}

		@Override
		public void run() {
			synchronized (this) {
				if (this.stopped || this.probe == null) {
					return;
				}
				boolean gone;
				try {
					gone = this.probe.clientGone();
				}
				catch (RuntimeException ex) {
					logger.debug("Cannot probe a client connection; not probing it again", ex);
					stop();
					return;
				}
				if (!gone) {
					return;
				}
				stop();
				AsyncResponses.this.disconnects.increment();
				this.response.setErrorResult(new RequestAbandonedException());
			}
			this.future.cancel(false);
		}

		void stop() {
			synchronized (this) {
				this.stopped = true;
			}
			ScheduledFuture<?> scheduled = this.task;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
		}

	}

}
