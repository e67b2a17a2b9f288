package dev.tango.api.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.tango.api.ApiProperties;
import dev.tango.api.answer.AnswerIds;
import dev.tango.api.classify.ClassificationService;
import dev.tango.api.drift.DriftGauges;
import dev.tango.api.drift.DriftProperties;
import dev.tango.api.drift.DriftWatch;
import dev.tango.api.release.ReleaseRouter;
import dev.tango.api.feedback.FeedbackProperties;
import dev.tango.api.feedback.FeedbackService;
import dev.tango.api.serving.CascadeServer;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.api.web.AsyncResponses;
import dev.tango.models.drift.DriftReports;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.registry.ActiveCascade;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelRegistry;

import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * The serving side of a web slice test: version 1 of the keyword cascade
 * {@value #CASCADE} (threshold 0.9) served by a real {@link CascadeServer} and
 * {@link ClassificationService}, from a registry stub; feedback goes to a store stub (the
 * feedback tests run over PostgreSQL).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class WebSliceConfiguration {

	/** The name of the served cascade. */
	public static final String CASCADE = "sentiment";

	@Bean
	TestCascades.Loader testLoader() {
		return new TestCascades.Loader();
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	CascadeServer cascadeServer(TestCascades.Loader loader, ApiProperties properties, MeterRegistry meters) {
		ModelRegistry registry = mock(ModelRegistry.class);
		CascadeVersion version = TestCascades.version(CASCADE, 1, 0.9);
		given(registry.listActive()).willReturn(List.of(new ActiveCascade(version, 1, Instant.now(), "test")));
		given(registry.findCascadeVersion(eq(CASCADE), eq(1))).willReturn(Optional.of(version));
		TestCascades.Changes changes = new TestCascades.Changes();
		return new CascadeServer(registry, () -> changes, loader, properties, meters, new ServingTracing(Tracer.NOOP));
	}

	@Bean
	AnswerIds answerIds() {
		return new AnswerIds(new byte[AnswerIds.MIN_KEY_BYTES]);
	}

	@Bean
	ClassificationService classificationService(CascadeServer server, ApiProperties properties, MeterRegistry meters,
			AnswerIds answerIds) {
		DriftWatch drift = new DriftWatch(server, mock(ModelRegistry.class), mock(DriftReports.class),
				new DriftProperties(true, 0.01, 100_000, 2, Duration.ofSeconds(15)), new DriftGauges(meters));
		return new ClassificationService(server, properties, meters, answerIds, new ServingTracing(Tracer.NOOP), drift,
				new ReleaseRouter(server, properties, meters));
	}

	@Bean
	FeedbackService feedbackService(AnswerIds answerIds, ApiProperties properties, MeterRegistry meters) {
		FeedbackProperties feedback = new FeedbackProperties(100, 200,
				new FeedbackProperties.PerClient(100, 10_000, Duration.ofMinutes(10)), Duration.ofDays(30), 100_000,
				Duration.ofMinutes(5), Duration.ofSeconds(30), null);
		return new FeedbackService(mock(FeedbackStore.class), answerIds, mock(ModelRegistry.class), feedback,
				properties, meters, Clock.systemUTC());
	}

	@Bean
	AsyncResponses asyncResponses(ApiProperties properties, MeterRegistry meters) {
		return new AsyncResponses(properties, meters);
	}

}
