package dev.tango.api.tracing;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

import dev.tango.core.batching.BatchExecution;
import dev.tango.core.batching.BatchingListener;
import dev.tango.core.batching.RequestRejectedException;
import dev.tango.core.batching.TierCall;
import dev.tango.core.batching.TierCallObserver;
import dev.tango.core.tier.TierException;

/**
 * Traces the tier calls of one cascade version's batcher and passes every event on to
 * another listener. A request keeps the trace context current where it was submitted; a
 * tier call that holds inputs of traced requests gets a span named
 * {@value SpanNames#TIER_CALL}, the child of the first of them and linked to all of them,
 * current on the worker's thread while the tier runs (so that a remote tier's call
 * carries it), tagged with the cascade and version, the tier ({@value SpanNames#TIER},
 * {@value SpanNames#TIER_INDEX}), the batch size ({@value SpanNames#SIZE}), how many
 * requests it served ({@value SpanNames#REQUESTS}), its inputs' mean and longest waits in
 * the queue ({@value SpanNames#QUEUE_MEAN}, {@value SpanNames#QUEUE_MAX}) and the tier's
 * time ({@value SpanNames#COMPUTE}), in milliseconds; the span lasts as long as the call.
 * Calls of untraced requests only (the warm-up) make no span. Thread-safe.
 *
 * @param tracer the tracer
 * @param events where every event goes on to
 * @param cascade the cascade's name
 * @param version the version
 */
record TierCallSpans(Tracer tracer, BatchingListener events, String cascade, int version) implements BatchingListener {

	@Override
	public @Nullable Object captureContext() {
		return this.tracer.currentTraceContext().context();
	}

	@Override
	public TierCallObserver tierCallStarting(TierCall call) {
		List<TraceContext> requests = new ArrayList<>(call.requestContexts().size());
		for (Object context : call.requestContexts()) {
			if (context instanceof TraceContext traced) {
				requests.add(traced);
			}
		}
		if (requests.isEmpty()) {
			return TierCallObserver.NONE;
		}
		Span.Builder builder = this.tracer.spanBuilder()
			.setParent(requests.get(0))
			.name(SpanNames.TIER_CALL)
			.tag(SpanNames.CASCADE, this.cascade)
			.tag(SpanNames.VERSION, this.version)
			.tag(SpanNames.TIER, call.tier())
			.tag(SpanNames.TIER_INDEX, call.stage())
			.tag(SpanNames.SIZE, call.size())
			.tag(SpanNames.REQUESTS, requests.size());
		for (TraceContext request : requests) {
			builder.addLink(new Link(request));
		}
		Span span = builder.start();
		Tracer.SpanInScope scope = this.tracer.withSpan(span);
		return (execution, failure) -> {
			span.tag(SpanNames.QUEUE_MEAN, millis(execution.meanQueueNanos()));
			span.tag(SpanNames.QUEUE_MAX, millis(execution.maxQueueNanos()));
			span.tag(SpanNames.COMPUTE, millis(execution.computeNanos()));
			if (failure != null) {
				span.error(failure);
			}
			scope.close();
			span.end();
		};
	}

	private static double millis(long nanos) {
		return nanos / 1e6;
	}

	@Override
	public void batchExecuted(BatchExecution batch) {
		this.events.batchExecuted(batch);
	}

	@Override
	public void batchFailed(int stage, String tier, int size, TierException cause) {
		this.events.batchFailed(stage, tier, size, cause);
	}

	@Override
	public void inputsAnswered(int stage, int inputs) {
		this.events.inputsAnswered(stage, inputs);
	}

	@Override
	public void requestRejected(int stage, RequestRejectedException.Reason reason) {
		this.events.requestRejected(stage, reason);
	}

	@Override
	public void requestCancelled() {
		this.events.requestCancelled();
	}

}
