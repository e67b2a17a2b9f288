package dev.tango.api.web;

import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.tango.api.testsupport.WebSliceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API-key check, when enabled with two keys.
 */
@TestPropertySource(properties = { "tango.api.default-cascade=sentiment", "tango.api.auth.enabled=true",
		"tango.api.auth.keys=first-key,second-key", "tango.api.limits.max-inputs=16",
		"tango.api.batching.queue-capacity=64", "tango.api.warmup.inputs=good" })
class ApiKeyTest extends WebSliceTest {

	private static final String BODY = "{\"inputs\": [\"good good good\"]}";

	private MvcTestResult classify(String header, String value) {
		return this.mvc.post()
			.uri("/v1/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.header(header, value)
			.content(BODY)
			.exchange();
	}

	@Test
	void refusesRequestsWithoutAnAcceptedKey() {
		MvcTestResult missing = this.mvc.post()
			.uri("/v1/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.content(BODY)
			.exchange();
		assertThat(missing).hasStatus(401).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(missing).headers().hasValue("WWW-Authenticate", "Bearer realm=\"tango\"");
		assertThat(missing).bodyJson().extractingPath("$.type").isEqualTo("https://tango.dev/problems/unauthorized");
		assertThat(classify("X-API-Key", "first-kez")).hasStatus(401);
		assertThat(classify("X-API-Key", "first-key-and-more")).hasStatus(401);
		assertThat(classify("Authorization", "Bearer ")).hasStatus(401);
		assertThat(classify("Authorization", "Basic Zmlyc3Qta2V5")).hasStatus(401);
		MvcTestResult oip = this.mvc.get().uri("/v2/models/sentiment").exchange();
		assertThat(oip).hasStatus(401);
		assertThat(oip).bodyJson().extractingPath("$.error").asString().contains("API key");
	}

	@Test
	void acceptsEveryConfiguredKeyInEitherHeader() {
		assertThat(classify("X-API-Key", "first-key")).hasStatusOk();
		assertThat(classify("X-API-Key", "second-key")).hasStatusOk();
		assertThat(classify("Authorization", "Bearer second-key")).hasStatusOk();
		assertThat(classify("Authorization", "bearer first-key")).hasStatusOk();
	}

	@Test
	void limitsFeedbackPerKeySoThatOneKeysFloodLeavesTheOthersThrough() {
		String hundred = "{\"items\": ["
				+ String.join(",", Collections.nCopies(100, "{\"text\": \"good\", \"label\": \"positive\"}")) + "]}";
		assertThat(feedback("X-API-Key", "first-key", hundred)).hasStatusOk();
		// The same key in the other header is the same client, past its 100 items a
		// second (they come back at 100 a second: a whole second to take 100 again).
		MvcTestResult flooded = feedback("Authorization", "Bearer first-key", hundred);
		assertThat(flooded).hasStatus(429).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(flooded).headers().hasValue("Retry-After", "1");
		assertThat(flooded).bodyJson()
			.extractingPath("$.type")
			.isEqualTo("https://tango.dev/problems/feedback-rate-exceeded");
		assertThat(flooded).bodyJson().extractingPath("$.detail").asString().contains("from one client");
		assertThat(feedback("X-API-Key", "second-key", hundred)).hasStatusOk();
	}

	private MvcTestResult feedback(String header, String value, String body) {
		return this.mvc.post()
			.uri("/v1/feedback")
			.contentType(MediaType.APPLICATION_JSON)
			.header(header, value)
			.content(body)
			.exchange();
	}

	@Test
	void leavesHealthAndServerMetadataOpen() {
		assertThat(this.mvc.get().uri("/v2/health/live").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/v2/health/ready").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/v2").exchange()).hasStatusOk();
	}

}
