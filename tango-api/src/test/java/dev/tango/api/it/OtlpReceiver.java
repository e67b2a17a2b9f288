package dev.tango.api.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.awaitility.Awaitility;

/**
 * An OpenTelemetry collector's trace endpoint, in process: an HTTP server on the loopback
 * interface that accepts {@code POST /v1/traces} with a protobuf
 * {@code ExportTraceServiceRequest} (OTLP/HTTP) and keeps every span it receives. It
 * serves until the JVM exits.
 */
final class OtlpReceiver {

	private static final HexFormat HEX = HexFormat.of();

	private final HttpServer server;

	private final List<Received> spans = new CopyOnWriteArrayList<>();

	OtlpReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		this.server.createContext("/v1/traces", this::receive);
		this.server.start();
	}

	/**
	 * Returns the URL to export spans to.
	 * @return the endpoint
	 */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/traces";
	}

	/**
	 * Returns every span received so far.
	 * @return the spans, in arrival order
	 */
	List<Received> spans() {
		return List.copyOf(this.spans);
	}

	/**
	 * Waits until the spans of a trace include one that matches.
	 * @param traceId the trace, 32 hexadecimal digits
	 * @param what what the span is, for the message
	 * @param condition what it must satisfy
	 * @return the first such span
	 */
	Received await(String traceId, String what, Predicate<Received> condition) {
		return Awaitility.await(what + " in trace " + traceId)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> trace(traceId).stream().filter(condition).findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Returns the spans of a trace received so far.
	 * @param traceId the trace, 32 hexadecimal digits
	 * @return its spans
	 */
	List<Received> trace(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			if (!exchange.getRequestMethod().equals("POST")) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
			for (ResourceSpans resource : request.getResourceSpansList()) {
				String service = attribute(resource.getResource().getAttributesList(), "service.name").orElse("");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					for (Span span : scope.getSpansList()) {
						this.spans.add(new Received(service, span));
					}
				}
			}
			byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, answer.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(answer);
			}
		}
	}

	private static Optional<String> attribute(List<KeyValue> attributes, String key) {
		return attributes.stream()
			.filter((attribute) -> attribute.getKey().equals(key))
			.findFirst()
			.map((attribute) -> text(attribute.getValue()));
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> Long.toString(value.getIntValue());
			case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
			case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
			default -> value.toString();
		};
	}

	/**
	 * A span as received.
	 *
	 * @param service the {@code service.name} of the resource that sent it
	 * @param span the span
	 */
	record Received(String service, Span span) {

		String name() {
			return this.span.getName();
		}

		String traceId() {
			return HEX.formatHex(this.span.getTraceId().toByteArray());
		}

		String spanId() {
			return HEX.formatHex(this.span.getSpanId().toByteArray());
		}

		String parentSpanId() {
			return HEX.formatHex(this.span.getParentSpanId().toByteArray());
		}

		/**
		 * Returns an attribute's value as text, or empty if the span has none by that
		 * name.
		 */
		Optional<String> attribute(String key) {
			return OtlpReceiver.attribute(this.span.getAttributesList(), key);
		}

		/** Returns the span ids its links point to, as {@code traceId/spanId}. */
		List<String> links() {
			return this.span.getLinksList()
				.stream()
				.map((link) -> HEX.formatHex(link.getTraceId().toByteArray()) + "/"
						+ HEX.formatHex(link.getSpanId().toByteArray()))
				.toList();
		}

	}

}
