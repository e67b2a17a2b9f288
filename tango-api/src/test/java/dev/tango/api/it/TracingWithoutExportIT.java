package dev.tango.api.it;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tracing as the service runs by default, with no OTLP endpoint: nothing is exported and
 * no exporting thread runs, yet a request still continues its caller's trace and its log
 * lines carry the trace id.
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingWithoutExportIT extends ServiceIT {

	@Autowired
	ApplicationContext context;

	@Autowired
	Tracer tracer;

	@Autowired
	LoggingSystem logging;

	@Test
	void nothingIsExportedAndNoExportingThreadRuns() {
		assertThat(this.context.getBeanNamesForType(SpanExporter.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LogRecordExporter.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(BatchSpanProcessor.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(BatchLogRecordProcessor.class)).isEmpty();
		assertThat(this.tracer).as("spans are still made").isNotSameAs(Tracer.NOOP);
		// Another test's context, closed, may still be stopping its processors.
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
				.noneMatch(
						(name) -> name.startsWith("BatchSpanProcessor") || name.startsWith("BatchLogRecordProcessor")));
	}

	@Test
	void aRequestStillContinuesItsCallersTraceInItsLogLines(CapturedOutput output) {
		byte[] id = new byte[16];
		ThreadLocalRandom.current().nextBytes(id);
		String traceId = HexFormat.of().formatHex(id);
		String logger = "org.springframework.web.servlet.DispatcherServlet";
		this.logging.setLogLevel(logger, LogLevel.DEBUG);
		try {
			Response response = post("/v1/classify", inputs(ClassifyIT.POSITIVE), "traceparent",
					"00-" + traceId + "-00f067aa0ba902b7-01");
			assertThat(response.status()).isEqualTo(200);
		}
		finally {
			this.logging.setLogLevel(logger, null);
		}

		assertThat(output.getOut().lines().filter((line) -> line.contains(traceId)))
			.as("log lines with the caller's trace id")
			.anySatisfy((line) -> assertThat(line).contains("POST", "/v1/classify"));
	}

}
