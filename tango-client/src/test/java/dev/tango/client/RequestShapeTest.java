package dev.tango.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.tango.client.classify.ClassifyRequest;
import dev.tango.client.classify.TextInput;
import dev.tango.client.feedback.FeedbackItem;
import dev.tango.client.feedback.FeedbackRequest;
import dev.tango.client.feedback.FeedbackResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the client puts on the wire, seen by a real HTTP server on a loopback port: the
 * request key as a header of the classify call that names one, and feedback items with
 * only the fields they were given. The service's side of both is tested against the real
 * service ({@code ClientIT} in tango-api, {@code ReleaseScaleOutIT} in tango-e2e).
 */
class RequestShapeTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String ANSWER = """
			{"cascade": "c", "version": 1,
			 "results": [{"label": "positive", "confidence": 0.9, "tier": {"index": 0, "name": "t"},
			              "answerId": "a1.sig"}]}
			""";

	@RegisterExtension
	final ScriptedServer server = new ScriptedServer();

	@Test
	void sendsTheRequestKeyOnlyWithTheCallThatNamesOne() {
		this.server.then(200, "application/json", ANSWER).then(200, "application/json", ANSWER);
		TangoClient client = TangoClient.builder(this.server.uri()).build();

		assertThat(client.classify("c", ClassifyRequest.of("x"), "user-42").results().get(0).answerId())
			.isEqualTo("a1.sig");
		client.classify("c", ClassifyRequest.of("x"));

		List<ScriptedServer.Received> received = this.server.received();
		assertThat(received.get(0).header(TangoClient.REQUEST_KEY_HEADER)).isEqualTo("user-42");
		assertThat(received.get(1).header(TangoClient.REQUEST_KEY_HEADER)).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> client.classify("c", ClassifyRequest.of("x"), " "));
	}

	@Test
	void sendsFeedbackItemsWithTheFieldsTheyHave() {
		this.server.then(200, "application/json", """
				{"accepted": 1, "duplicates": 0, "rejected": 1,
				 "items": [{"index": 0, "status": "accepted", "detail": "Stored", "cascade": "c", "version": 1,
				            "tier": 0, "correct": true},
				           {"index": 1, "status": "rejected", "error": "unknown-label", "detail": "No label 'x'"}]}
				""");
		TangoClient client = TangoClient.builder(this.server.uri()).build();

		FeedbackResponse response = client.feedback(FeedbackRequest
			.of(FeedbackItem.ofAnswer("a1.sig", "positive"), FeedbackItem.ofInput(TextInput.pair("p", "h"), "x"))
			.forCascade("c"));

		JsonNode sent = JSON.readTree(this.server.received().get(0).body());
		assertThat(this.server.received().get(0).path()).isEqualTo("/v1/feedback");
		assertThat(sent.get("cascade").asString()).isEqualTo("c");
		assertThat(sent.get("items").get(0).propertyNames()).containsExactlyInAnyOrder("answerId", "label");
		assertThat(sent.get("items").get(1).propertyNames()).containsExactlyInAnyOrder("text", "pair", "label");
		assertThat(response.items()).extracting(FeedbackResponse.Outcome::stored).containsExactly(true, false);
		assertThat(response.items().get(1).error()).isEqualTo("unknown-label");
	}

}
