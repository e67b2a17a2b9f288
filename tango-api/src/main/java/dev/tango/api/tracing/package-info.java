/**
 * Tracing of the serving path with Micrometer Tracing over OpenTelemetry: a span per
 * classification request, a span per tier call linked to the requests whose inputs it
 * holds, the trace context on the remote tiers' calls, and spans exported over OTLP only
 * where an endpoint is configured.
 */
@NullMarked
package dev.tango.api.tracing;

import org.jspecify.annotations.NullMarked;
