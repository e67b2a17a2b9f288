package dev.tango.api.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import dev.tango.core.batching.BatchingListener;

/**
 * Traces how requests are served. A request's span ({@value SpanNames#REQUEST}) is a
 * child of the span current where it starts (the HTTP server's, which continues a
 * caller's {@code traceparent}); a tier call's span ({@value SpanNames#TIER_CALL}) is a
 * child of the first request with inputs in the call and links to every such request,
 * since a batch holds inputs of many requests. With {@link Tracer#NOOP} nothing is
 * traced. Thread-safe.
 */
public final class ServingTracing {

	private final Tracer tracer;

	/**
	 * Creates the tracing.
	 * @param tracer the tracer, {@link Tracer#NOOP} to trace nothing
	 */
	public ServingTracing(Tracer tracer) {
		this.tracer = tracer;
	}

	/**
	 * Starts the span of a classification request, a child of the span current on the
	 * calling thread.
	 * @param cascade the cascade's name
	 * @param version the version that is expected to serve it
	 * @param protocol the protocol the request came through, such as {@code native}
	 * @param inputs how many inputs it has
	 * @return the started span; the caller must {@link RequestSpan#ended end} it
	 */
	public RequestSpan requestStarted(String cascade, int version, String protocol, int inputs) {
		Span span = this.tracer.nextSpan()
			.name(SpanNames.REQUEST)
			.tag(SpanNames.CASCADE, cascade)
			.tag(SpanNames.VERSION, version)
			.tag(SpanNames.PROTOCOL, protocol)
			.tag(SpanNames.INPUTS, inputs)
			.start();
		return new RequestSpan(this.tracer, span);
	}

	/**
	 * Returns a listener that passes every event of a cascade version's batcher on to
	 * another and traces its tier calls: it keeps the trace context current where a
	 * request is submitted with the request, and makes a span current on the worker's
	 * thread for each tier call that holds inputs of traced requests.
	 * @param events where the batcher's events go
	 * @param cascade the cascade's name
	 * @param version the version
	 * @return the listener to give the batcher
	 */
	public BatchingListener tracingTierCalls(BatchingListener events, String cascade, int version) {
		return new TierCallSpans(this.tracer, events, cascade, version);
	}

}
