package dev.tango.api.oip;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.tango.api.testsupport.WebSliceTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Open Inference Protocol endpoints over a real server and batcher with keyword
 * tiers.
 */
@TestPropertySource(properties = { "tango.api.limits.max-body-size=4KB", "tango.api.limits.max-inputs=16",
		"tango.api.batching.queue-capacity=64", "tango.api.warmup.inputs=good,bad" })
class OpenInferenceControllerTest extends WebSliceTest {

	private MvcTestResult infer(String uri, String json) {
		return this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private static void assertError(MvcTestResult result, int status, String... fragments) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().extractingPath("$.error").asString().contains(fragments);
		assertThat(result).bodyJson().doesNotHavePath("$.type");
	}

	@Test
	void describesTheServerAndItsHealth() {
		assertThat(this.mvc.get().uri("/v2").exchange()).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"name\": \"tango\", \"extensions\": []}");
		assertThat(this.mvc.get().uri("/v2/health/live").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/v2/health/ready").exchange()).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"ready\": true}");
		assertThat(this.mvc.get().uri("/v2/models/sentiment/ready").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/v2/models/sentiment/versions/1/ready").exchange()).hasStatusOk();
		assertThat(this.mvc.get().uri("/v2/models/sentiment/versions/7/ready").exchange()).hasStatus(503);
		assertError(this.mvc.get().uri("/v2/models/sentiment/versions/..x/ready").exchange(), 400, "not a version");
		assertError(this.mvc.get().uri("/v2/models/sentiment/versions/0/ready").exchange(), 400, "not a version");
		assertError(this.mvc.get().uri("/v2/models/sentiment/versions/99999999999/ready").exchange(), 400,
				"from 1 to 999999999");
		assertError(this.mvc.get().uri("/v2/models/nope/ready").exchange(), 404, "nope");
	}

	@Test
	void describesTheModel() {
		String metadata = """
				{"name": "sentiment", "versions": ["1"], "platform": "tango_cascade",
				 "inputs": [{"name": "text", "datatype": "BYTES", "shape": [-1]}],
				 "outputs": [{"name": "label", "datatype": "BYTES", "shape": [-1]},
				             {"name": "confidence", "datatype": "FP32", "shape": [-1]},
				             {"name": "tier", "datatype": "INT32", "shape": [-1]},
				             {"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]},
				             {"name": "answer_id", "datatype": "BYTES", "shape": [-1]}],
				 "parameters": {"labels": "negative,positive", "label_ids": "negative,positive",
				                "tiers": "weak-v1,strong-v1"}}
				""";
		assertThat(this.mvc.get().uri("/v2/models/sentiment").exchange()).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo(metadata);
		assertThat(this.mvc.get().uri("/v2/models/sentiment/versions/1").exchange()).hasStatusOk()
			.bodyJson()
			.isStrictlyEqualTo(metadata);
		assertError(this.mvc.get().uri("/v2/models/sentiment/versions/2").exchange(), 404, "serves version 1");
		assertError(this.mvc.get().uri("/v2/models/sentiment/versions/01").exchange(), 400, "not a version");
		assertError(this.mvc.get().uri("/v2/models/nope").exchange(), 404, "nope");
	}

	@Test
	void infersWithEveryOutput() {
		MvcTestResult result = infer("/v2/models/sentiment/infer", """
				{"id": "req-7", "inputs": [{"name": "text", "shape": [3], "datatype": "BYTES",
				  "data": ["good good good", "bad", "good bad"]}]}
				""");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"model_name": "sentiment", "model_version": "1", "id": "req-7",
				 "outputs": [
				   {"name": "label", "datatype": "BYTES", "shape": [3], "data": ["positive", "negative", "negative"]},
				   {"name": "confidence", "datatype": "FP32", "shape": [3]},
				   {"name": "tier", "datatype": "INT32", "shape": [3], "data": [0, 1, 1]},
				   {"name": "probabilities", "datatype": "FP32", "shape": [3, 2]},
				   {"name": "answer_id", "datatype": "BYTES", "shape": [3]}
				 ]}
				""");
		assertThat(result).bodyJson().extractingPath("$.outputs[3].data").asArray().hasSize(6);
		assertAnswerIds(result, "$.outputs[4].data", 3);
	}

	@Test
	void infersWithRequestedOutputsNestedDataAndAVersion() {
		MvcTestResult result = infer("/v2/models/sentiment/versions/1/infer", """
				{"inputs": [{"name": "text", "shape": [2, 1], "datatype": "BYTES", "data": [["bad bad"], ["good good"]],
				  "parameters": {"content_type": "str"}}],
				 "outputs": [{"name": "tier"}, {"name": "label"}], "parameters": {"truncate": true}}
				""");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().doesNotHavePath("$.id");
		assertThat(result).bodyJson().extractingPath("$.outputs[*].name").isEqualTo(List.of("tier", "label"));
		assertThat(result).bodyJson().extractingPath("$.outputs[1].data").isEqualTo(List.of("negative", "positive"));
	}

	@Test
	void infersOnPairs() {
		MvcTestResult result = infer("/v2/models/sentiment/infer", """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["good"]},
				            {"name": "text_pair", "shape": [1], "datatype": "BYTES", "data": ["good good"]}],
				 "outputs": [{"name": "label"}]}
				""");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().extractingPath("$.outputs[0].data").isEqualTo(List.of("positive"));
	}

	@Test
	void refusesBadInferenceRequestsWithProtocolErrors() {
		String uri = "/v2/models/sentiment/infer";
		assertError(infer(uri, "{\"inputs\": []}"), 400, "no inputs");
		assertError(infer(uri, "{}"), 400, "no inputs");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "FP32", "data": [1.0]}]}"""), 400, "BYTES");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [2], "datatype": "BYTES", "data": ["good"]}]}"""), 400,
				"shape [2]", "1 elements");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1, 2], "datatype": "BYTES", "data": ["a", "b"]}]}"""), 400,
				"[n] or [n, 1]");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "datatype": "BYTES", "data": ["good"]}]}"""), 400, "shape");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": [5]}]}"""), 400,
				"JSON strings");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES"}]}"""), 400, "no data");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1.7], "datatype": "BYTES", "data": ["x"]}]}"""), 400, "shape");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [2], "datatype": "BYTES", "data": ["a", "b"]},
				            {"name": "text_pair", "shape": [2, 1], "datatype": "BYTES", "data": ["c", "d"]}]}"""), 400,
				"Input 'text_pair' has shape [2, 1], input 'text' [2]: they must have the same shape");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": "x"}]}"""), 400,
				"not a JSON array");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": [[["x"]]]}]}"""), 400,
				"deeper than its shape [1]");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [2, 1], "datatype": "BYTES", "data": [["x", "y"]]}]}"""), 400,
				"each of its rows is an array of one element");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"],
				  "parameters": {"binary_data_size": 1}}]}"""), 400, "binary tensor data is not supported");
		assertError(infer(uri, """
				{"inputs": [{"name": "image", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}"""), 400,
				"Unexpected input 'image'");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}],
				 "outputs": [{"name": "logits"}]}"""), 400, "Unknown output 'logits'");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}],
				 "outputs": [{"name": "label", "parameters": {"binary_data": true}}]}"""), 400, "Binary");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}],
				 "parameters": {"binary_data_output": true}}"""), 400, "Binary");
		assertError(infer("/v2/models/sentiment/versions/01/infer", """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}"""), 400,
				"not a version");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}],
				 "outputs": [{"name": "label"}, {"name": "tier"}, {"name": "label"}]}"""), 400,
				"Output 'label' is asked for twice");
		assertError(infer(uri, "{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", "
				+ "\"data\": [\"x\"]}], \"outputs\": [" + String.join(",", Collections.nCopies(1_000, "{}")) + "]}"),
				400, "1000 outputs");
		assertError(infer(uri,
				"""
						{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"], "data": ["y", "z"]}]}"""),
				400, "Duplicate", "data");
		assertError(infer(uri, """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}],
				 "parameters": {"truncate": "no"}}"""), 400, "truncate");
		assertError(infer(uri, """
				{"id": 5, "inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}"""), 400,
				"$.id");
		assertError(infer(uri, "{\"inputs\": [{\"name\": \"text\""), 400, "not valid JSON");
		assertError(
				infer(uri, "{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\""
						+ "good ".repeat(1000) + "\"]}]}"),
				413, "larger than");
		assertError(infer("/v2/models/nope/infer", """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}"""), 404, "nope");
		assertError(infer("/v2/models/sentiment/versions/3/infer", """
				{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["x"]}]}"""), 404,
				"serves version 1");
		assertError(this.mvc.post().uri(uri).contentType(MediaType.TEXT_PLAIN).content("x").exchange(), 415,
				"not supported");
		for (String type : List.of("application/*", "*/*", "multipart/form-data", "multipart/form-data; boundary=")) {
			assertError(this.mvc.post().uri(uri).header("Content-Type", type).content("x").exchange(), 415,
					"Content-Type");
		}
		for (String type : List.of("application/*", "*/*", "text/*")) {
			assertError(this.mvc.get().uri("/v2/health/live").header("Content-Type", type).exchange(), 415,
					"not supported");
		}
		assertThat(this.mvc.get().uri("/v2/health/live").header("Content-Type", "multipart/form-data").exchange())
			.hasStatusOk();
	}

}
