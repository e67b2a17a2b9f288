package dev.tango.api.feedback;

import java.time.Clock;
import java.util.Base64;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.api.ApiProperties;
import dev.tango.api.answer.AnswerIds;
import dev.tango.models.feedback.FeedbackStore;
import dev.tango.models.registry.ModelRegistry;

/**
 * Wires feedback: the answer-id key (from {@code tango.api.feedback.signing-key}, else
 * the registry's, created by the first instance that starts), the service that takes
 * feedback, and the upkeep of the stored feedback and of the live-accuracy gauges.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

	@Bean
	AnswerIds answerIds(FeedbackProperties properties, FeedbackStore store) {
		String configured = properties.signingKey();
		byte[] key;
		if (configured != null && !configured.isBlank()) {
			try {
				key = Base64.getDecoder().decode(configured.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("tango.api.feedback.signing-key is not base64", ex);
			}
		}
		else {
			key = store.signingKey();
		}
		return new AnswerIds(key);
	}

	@Bean
	FeedbackService feedbackService(FeedbackStore store, AnswerIds answerIds, ModelRegistry registry,
			FeedbackProperties properties, ApiProperties api, MeterRegistry meters, ObjectProvider<Clock> clock) {
		return new FeedbackService(store, answerIds, registry, properties, api, meters,
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	FeedbackUpkeep feedbackUpkeep(FeedbackStore store, FeedbackProperties properties, MeterRegistry meters,
			ObjectProvider<Clock> clock) {
		return new FeedbackUpkeep(store, properties, meters, clock.getIfAvailable(Clock::systemUTC));
	}

}
