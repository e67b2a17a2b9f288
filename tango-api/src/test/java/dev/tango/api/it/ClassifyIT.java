package dev.tango.api.it;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The native and Open Inference Protocol endpoints with the real cascade.
 */
class ClassifyIT extends ServiceIT {

	static final List<String> POSITIVE = List.of("a wonderful , moving and beautifully acted film .",
			"one of the best and most delightful movies of the year .");

	static final List<String> NEGATIVE = List.of("a dull , boring and painfully bad movie .",
			"the worst film i have seen in years , tedious and unwatchable .");

	@Test
	void classifiesWithTheDefaultCascade() {
		Response response = post("/v1/classify",
				inputs(List.of(POSITIVE.get(0), NEGATIVE.get(0), POSITIVE.get(1), NEGATIVE.get(1))));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("cascade").stringValue()).isEqualTo(SentimentCascadeFixture.NAME);
		assertThat(body.get("version").intValue()).isEqualTo(active().version().version());
		List<String> labels = new ArrayList<>();
		body.get("results").values().forEach((result) -> labels.add(result.get("label").stringValue()));
		assertThat(labels).as("display names").containsExactly("positive", "negative", "positive", "negative");
		Response withProbabilities = post("/v1/classify",
				JSON.writeValueAsString(Map.of("inputs", List.of(NEGATIVE.get(0)), "probabilities", true)));
		JsonNode probabilities = withProbabilities.json().get("results").get(0).get("probabilities");
		assertThat(probabilities.propertyNames()).as("keyed by display name").containsExactly("negative", "positive");
		assertThat(probabilities.get("negative").doubleValue()).isGreaterThan(0.5);
		for (JsonNode result : body.get("results").values()) {
			double confidence = result.get("confidence").doubleValue();
			int tier = result.get("tier").get("index").intValue();
			assertThat(confidence).isBetween(0.5, 1.0);
			if (tier == 0) {
				assertThat(confidence).isGreaterThanOrEqualTo(SentimentCascadeFixture.THRESHOLD);
			}
			assertThat(result.get("tier").get("name").stringValue())
				.startsWith((tier == 0) ? "all-minilm-l6-v2-q" : "bge-small-en-v1.5");
		}
		JsonNode tiers = body.get("tiers");
		assertThat(tiers.get(0).get("inputs").intValue()).isEqualTo(4);
		assertThat(tiers.get(0).get("answered").intValue() + tiers.get(1).get("answered").intValue()).isEqualTo(4);
		assertThat(tiers.get(1).get("inputs").intValue()).isEqualTo(4 - tiers.get(0).get("answered").intValue());
	}

	@Test
	void matchesTheLabelsOfHeldOutSentences() throws Exception {
		LabelledDataset dev = SentimentCascadeFixture.sst2("dev.tsv").slice(0, 200);
		int correct = 0;
		int[] answeredByTier = new int[2];
		for (int from = 0; from < dev.size(); from += 50) {
			List<LabelledExample> chunk = dev.examples().subList(from, Math.min(dev.size(), from + 50));
			Response response = post("/v1/classify",
					JSON.writeValueAsString(Map.of("inputs", chunk.stream().map((e) -> e.input().text()).toList())));
			assertThat(response.status()).as(response.body()).isEqualTo(200);
			List<JsonNode> results = List.copyOf(response.json().get("results").values());
			for (int i = 0; i < chunk.size(); i++) {
				String expected = SentimentCascadeFixture.DISPLAY_NAMES.get(chunk.get(i).label());
				if (results.get(i).get("label").stringValue().equals(expected)) {
					correct++;
				}
				answeredByTier[results.get(i).get("tier").get("index").intValue()]++;
			}
		}
		double accuracy = (double) correct / dev.size();
		System.out.printf("SST-2 dev[0,200) through the API: accuracy %.3f, answered by tier 0: %d, tier 1: %d%n",
				accuracy, answeredByTier[0], answeredByTier[1]);
		assertThat(accuracy).isGreaterThan(0.8);
		assertThat(answeredByTier[0]).as("confident inputs stop at the first tier").isPositive();
		assertThat(answeredByTier[1]).as("unsure inputs go on to the second tier").isPositive();
	}

	@Test
	void servesTheOpenInferenceProtocol() {
		int version = active().version().version();
		Response metadata = get("/v2/models/" + SentimentCascadeFixture.NAME);
		assertThat(metadata.status()).isEqualTo(200);
		assertThat(metadata.json().get("versions").get(0).stringValue()).isEqualTo(Integer.toString(version));
		assertThat(metadata.json().get("outputs").get(3).get("shape").toString()).isEqualTo("[-1,2]");
		assertThat(metadata.json().get("parameters").get("labels").stringValue()).as("display names")
			.isEqualTo("negative,positive");
		assertThat(metadata.json().get("parameters").get("label_ids").stringValue()).isEqualTo("0,1");
		Response response = post("/v2/models/" + SentimentCascadeFixture.NAME + "/versions/" + version + "/infer", """
				{"id": "oip-1", "inputs": [{"name": "text", "shape": [2, 1], "datatype": "BYTES",
				  "data": [["%s"], ["%s"]]}]}
				""".formatted(POSITIVE.get(0), NEGATIVE.get(0)));
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("id").stringValue()).isEqualTo("oip-1");
		assertThat(body.get("model_version").stringValue()).isEqualTo(Integer.toString(version));
		assertThat(body.get("outputs").get(0).get("data").toString()).isEqualTo("[\"positive\",\"negative\"]");
		JsonNode probabilities = body.get("outputs").get(3);
		assertThat(probabilities.get("shape").toString()).isEqualTo("[2,2]");
		List<JsonNode> values = List.copyOf(probabilities.get("data").values());
		assertThat(values.get(0).doubleValue() + values.get(1).doubleValue()).isCloseTo(1.0, within(1e-5));
		assertThat(values.get(1).doubleValue()).isGreaterThan(0.5);
		Response wrongVersion = post(
				"/v2/models/" + SentimentCascadeFixture.NAME + "/versions/" + (version + 100) + "/infer",
				"{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"x\"]}]}");
		assertThat(wrongVersion.status()).isEqualTo(404);
		assertThat(wrongVersion.json().get("error").stringValue()).contains("serves version " + version);
	}

	@Test
	void truncatesInputsLongerThanTheModelsReadUnlessRefused() {
		String longReview = "the film is a slow , thoughtful and rewarding character study . ".repeat(60);
		Response truncated = post("/v1/classify", inputs(List.of(longReview, POSITIVE.get(0))));
		assertThat(truncated.status()).as(truncated.body()).isEqualTo(200);
		assertThat(truncated.json().get("results").get(0).get("truncated").booleanValue()).isTrue();
		assertThat(truncated.json().get("results").get(1).get("truncated").booleanValue()).isFalse();
		Response refused = post("/v1/classify",
				JSON.writeValueAsString(Map.of("inputs", List.of(POSITIVE.get(0), longReview), "truncate", false)));
		assertThat(refused.status()).as(refused.body()).isEqualTo(422);
		assertThat(refused.contentType()).startsWith("application/problem+json");
		assertThat(refused.json().get("type").stringValue())
			.isEqualTo("https://tango.dev/problems/token-limit-exceeded");
		assertThat(refused.json().get("inputs").toString()).isEqualTo("[1]");
		assertThat(refused.json().get("detail").stringValue()).containsPattern("longer than the (256|512) tokens");
	}

	@Test
	void refusesAChunkedBodyLargerThanTheLimit() {
		byte[] chunk = ("\"" + "good ".repeat(200) + "\",").getBytes(StandardCharsets.UTF_8);
		Supplier<InputStream> body = () -> new SequenceInputStream(
				new ByteArrayInputStream("{\"inputs\": [".getBytes(StandardCharsets.UTF_8)), new InputStream() {
					private long sent;

					@Override
					public int read() {
						// About 2 MB of inputs, never closed: the limit must stop the
						// read.
						return (this.sent < 2_000_000) ? chunk[(int) (this.sent++ % chunk.length)] : -1;
					}
				});
		Response response = send(HttpRequest.newBuilder(uri("/v1/classify"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(body))
			.build());
		assertThat(response.status()).isEqualTo(413);
		assertThat(response.json().get("type").stringValue()).isEqualTo("https://tango.dev/problems/body-too-large");
	}

	@Test
	void answersEveryMalformedBodyWithAClientError() {
		Random random = new Random(20261124L);
		List<String> fragments = List.of("{", "}", "[", "]", "\"inputs\"", ":", ",", "\"text\"", "\"pair\"", "null",
				"true", "1e999", "-0", "\"\\u0000\"", "\"\\ud800\"", "\"good\"", "\"probabilities\"", "{}", "[]",
				"\"truncate\"", "\"\\\"", "\u00e9", "\"inputs\": [\"good\"]");
		for (int i = 0; i < 60; i++) {
			StringBuilder body = new StringBuilder();
			int parts = 1 + random.nextInt(12);
			for (int k = 0; k < parts; k++) {
				body.append(fragments.get(random.nextInt(fragments.size())));
			}
			String path = (i % 2 == 0) ? "/v1/classify" : "/v2/models/" + SentimentCascadeFixture.NAME + "/infer";
			Response response = post(path, body.toString());
			assertThat(response.status()).as("%s %s -> %s", path, body, response.body()).isBetween(200, 499);
			if (response.status() >= 400) {
				assertThat(response.body()).as(body.toString()).isNotBlank();
			}
		}
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void anUnsupportedMethodIsAProblemAndWritesNoLogLine(CapturedOutput output) {
		for (String method : List.of("GET", "PUT", "DELETE", "PATCH")) {
			Response response = send(HttpRequest.newBuilder(uri("/v1/classify"))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build());
			assertThat(response.status()).as(method).isEqualTo(405);
			assertThat(response.contentType()).startsWith("application/problem+json");
			assertThat(response.header("Allow")).hasValue("POST");
		}
		assertThat(output.getAll()).doesNotContain("not supported");
	}

}
