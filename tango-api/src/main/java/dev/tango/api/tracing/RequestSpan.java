package dev.tango.api.tracing;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * The span of one classification request, named {@value SpanNames#REQUEST}, tagged with
 * the cascade ({@value SpanNames#CASCADE}), the version that served it
 * ({@value SpanNames#VERSION}), the protocol ({@value SpanNames#PROTOCOL}), the number of
 * inputs ({@value SpanNames#INPUTS}) and, once it ends, its outcome
 * ({@value SpanNames#OUTCOME}). Its methods may be called from any thread; it ends once.
 */
public final class RequestSpan {

	private final Tracer tracer;

	private final Span span;

	RequestSpan(Tracer tracer, Span span) {
		this.tracer = tracer;
		this.span = span;
	}

	/**
	 * Makes the span current on the calling thread until the returned scope is closed, on
	 * that thread: a request submitted meanwhile carries it into the tier calls that hold
	 * its inputs.
	 * @return the scope
	 */
	public Tracer.SpanInScope open() {
		return this.tracer.withSpan(this.span);
	}

	/**
	 * Records the version that took the request, when another than the expected one did.
	 * @param version the version
	 */
	public void servedBy(int version) {
		this.span.tag(SpanNames.VERSION, version);
	}

	/**
	 * Ends the span with the request's outcome.
	 * @param outcome the outcome, such as {@code success}
	 * @param error the failure to record as the span's error, or {@code null} if the
	 * service did not fail (an answer, or a refusal of bad input or of overload)
	 */
	public void ended(String outcome, @Nullable Throwable error) {
		this.span.tag(SpanNames.OUTCOME, outcome);
		if (error != null) {
			this.span.error(error);
		}
		this.span.end();
	}

}
