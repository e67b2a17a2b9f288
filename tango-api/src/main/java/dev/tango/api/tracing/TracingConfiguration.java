package dev.tango.api.tracing;

import java.util.function.BiConsumer;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.runtime.remote.CallHeaders;

/**
 * Wires tracing into serving: the {@link ServingTracing} of requests and tier calls, the
 * trace context on every call of a remote tier ({@link CallHeaders}, in the propagation
 * formats of {@code management.tracing.propagation.produce}, W3C by default), and no
 * OpenTelemetry batch processor where nothing would be exported
 * ({@link IdleExportProcessors}). Spring Boot provides the tracer (OpenTelemetry through
 * Micrometer Tracing); without one nothing is traced.
 */
@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

	@Bean
	ServingTracing servingTracing(ObjectProvider<Tracer> tracer) {
		return new ServingTracing(tracer.getIfAvailable(() -> Tracer.NOOP));
	}

	@Bean
	CallHeaders traceContextHeaders(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		Tracer current = tracer.getIfAvailable(() -> Tracer.NOOP);
		Propagator format = propagator.getIfAvailable(() -> Propagator.NOOP);
		return (header) -> {
			TraceContext context = current.currentTraceContext().context();
			if (context != null) {
				format.inject(context, header, BiConsumer::accept);
			}
		};
	}

	@Bean
	static IdleExportProcessors idleExportProcessors() {
		return new IdleExportProcessors();
	}

}
