package dev.tango.api.classify.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.tango.api.testsupport.KeywordTier;
import dev.tango.api.testsupport.WebSliceTest;
import dev.tango.core.tier.TierException;
import dev.tango.core.tier.TierUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The native endpoints and the exception handler over a real server and batcher with
 * keyword tiers (tier 0 reads 64 characters, tier 1 128).
 */
@TestPropertySource(properties = { "tango.api.default-cascade=sentiment", "tango.api.request-timeout=1s",
		"tango.api.limits.max-body-size=4KB", "tango.api.limits.max-inputs=16", "tango.api.limits.max-input-chars=200",
		"tango.api.batching.queue-capacity=64", "tango.api.batching.length-window=2",
		"tango.api.warmup.inputs=good,bad" })
class ClassifyControllerTest extends WebSliceTest {

	private static final String PROBLEM = "https://tango.dev/problems/";

	private final ExecutorService clients = Executors.newCachedThreadPool();

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	private MvcTestResult post(String uri, String json) {
		return this.mvc.post().uri(uri).contentType(MediaType.APPLICATION_JSON).content(json).exchange();
	}

	private static void assertProblem(MvcTestResult result, int status, String type) {
		assertThat(result).hasStatus(status).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.type").isEqualTo(PROBLEM + type);
		assertThat(result).bodyJson().extractingPath("$.status").isEqualTo(status);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().isNotBlank();
	}

	@Test
	void classifiesInOrderWithTheDefaultCascade() {
		MvcTestResult result = post("/v1/classify",
				"""
						{"inputs": ["good good good", "bad", {"text": "good", "pair": "good"}, "good bad"], "probabilities": true}
						""");
		assertThat(result).hasStatusOk().hasContentType(MediaType.APPLICATION_JSON);
		assertThat(result).bodyJson().isLenientlyEqualTo("""
				{"cascade": "sentiment", "version": 1,
				 "results": [
				   {"label": "positive", "tier": {"index": 0, "name": "weak-v1"}, "truncated": false},
				   {"label": "negative", "tier": {"index": 1, "name": "strong-v1"}},
				   {"label": "positive", "tier": {"index": 1}},
				   {"label": "negative", "tier": {"index": 1}}
				 ],
				 "tiers": [
				   {"index": 0, "name": "weak-v1", "inputs": 4, "answered": 1},
				   {"index": 1, "name": "strong-v1", "inputs": 3, "answered": 3}
				 ]}
				""");
		assertThat(result).bodyJson()
			.extractingPath("$.results[0].probabilities.positive")
			.asNumber()
			.satisfies((p) -> assertThat(p.doubleValue()).isGreaterThan(0.9));
		assertThat(result).bodyJson()
			.extractingPath("$.results[0].confidence")
			.asNumber()
			.satisfies((c) -> assertThat(c.doubleValue()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0));
		assertThat(result).bodyJson().extractingPath("$.totalMs").asNumber().isNotNull();
		assertAnswerIds(result, "$.results[*].answerId", 4);
	}

	@Test
	void omitsProbabilitiesUnlessAsked() {
		MvcTestResult result = post("/v1/cascades/sentiment/classify", "{\"inputs\": [\"good\"]}");
		assertThat(result).hasStatusOk();
		assertThat(result).bodyJson().doesNotHavePath("$.results[0].probabilities");
	}

	@Test
	void truncatesLongInputsUnlessRefused() {
		String longText = "good ".repeat(30);
		MvcTestResult truncated = post("/v1/classify", "{\"inputs\": [\"bad\", \"" + longText + "\"]}");
		assertThat(truncated).hasStatusOk();
		assertThat(truncated).bodyJson().extractingPath("$.results[1].truncated").isEqualTo(true);
		MvcTestResult refused = post("/v1/classify",
				"{\"inputs\": [\"bad\", \"" + longText + "\"], \"truncate\": false}");
		assertProblem(refused, 422, "token-limit-exceeded");
		assertThat(refused).bodyJson().extractingPath("$.inputs").isEqualTo(List.of(1));
		assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("input 1", "64 tokens");
	}

	@Test
	void refusesUnknownCascades() {
		MvcTestResult result = post("/v1/cascades/nope/classify", "{\"inputs\": [\"good\"]}");
		assertProblem(result, 404, "cascade-not-found");
		assertThat(result).bodyJson().extractingPath("$.instance").isEqualTo("/v1/cascades/nope/classify");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"inputs\": []}", "{}", "{\"inputs\": [\"good\", null]}" })
	void refusesRequestsWithoutInputs(String body) {
		assertProblem(post("/v1/classify", body), 400, "invalid-input");
	}

	@Test
	void refusesTextsWithALoneSurrogateAndTakesPairedOnes() {
		MvcTestResult lone = post("/v1/classify",
				"{\"inputs\": [\"fine\", {\"text\": \"ok\", \"pair\": \"bad \\ud800 film\"}]}");
		assertProblem(lone, 400, "invalid-input");
		assertThat(lone).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("Input 1's pair holds a lone surrogate, \\uD800, at character 4");
		assertProblem(post("/v1/classify", "{\"inputs\": [\"\\udc00\"]}"), 400, "invalid-input");
		assertThat(post("/v1/classify", "{\"inputs\": [\"a smile \\ud83d\\ude00\"]}")).hasStatusOk();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{\"inputs\": [\"good\"", "[\"good\"]", "{\"inputs\": \"good\"}",
			"{\"inputs\": [\"good\"]} trailing", "{\"inputs\": [\"good\"], \"probabilities\": \"yes\"}",
			"{\"inputs\": [{\"pair\": \"good\"}]}", "{\"inputs\": [{\"text\": \"good\", \"label\": 1}]}",
			"{\"inputs\": [{\"text\": 3}]}", "{\"inputs\": [{\"text\": \"good\", \"text\": \"bad\"}]}" })
	void refusesMalformedBodies(String body) {
		assertProblem(post("/v1/classify", body), 400, "malformed-request");
	}

	@Test
	void saysWhereABodyIsMalformed() {
		MvcTestResult number = post("/v1/classify", "{\"inputs\": [\"good\", 42]}");
		assertProblem(number, 400, "malformed-request");
		assertThat(number).bodyJson().extractingPath("$.detail").asString().contains("$.inputs[1]", "a number");
		MvcTestResult unknownField = post("/v1/classify", "{\"inputs\": [\"good\"], \"probabilites\": true}");
		assertProblem(unknownField, 400, "malformed-request");
		assertThat(unknownField).bodyJson().extractingPath("$.detail").asString().contains("probabilites");
	}

	@Test
	void refusesDuplicateKeysAndMalformedUtf8() {
		MvcTestResult duplicate = post("/v1/classify", "{\"inputs\": [\"good\"], \"inputs\": [\"bad\"]}");
		assertProblem(duplicate, 400, "malformed-request");
		assertThat(duplicate).bodyJson().extractingPath("$.detail").asString().contains("Duplicate", "inputs");
		// C0 AF and E0 80 AF are overlong forms of '/'; ED A0 80 an encoded surrogate.
		for (String bad : List.of("C0AF", "E080AF", "EDA080", "FF")) {
			byte[] body = utf8WithBytes("{\"inputs\": [\"good ", bad, "\"]}");
			MvcTestResult result = this.mvc.post()
				.uri("/v1/classify")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.exchange();
			assertProblem(result, 400, "malformed-request");
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("UTF-8", "byte offset 18");
		}
		byte[] wellFormed = utf8WithBytes("{\"inputs\": [\"good ", "C3A9F09F8EAC", "\"]}");
		assertThat(this.mvc.post().uri("/v1/classify").contentType(MediaType.APPLICATION_JSON).content(wellFormed))
			.hasStatusOk();
	}

	private static byte[] utf8WithBytes(String before, String hex, String after) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		bytes.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		bytes.writeBytes(HexFormat.of().parseHex(hex));
		bytes.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return bytes.toByteArray();
	}

	@Test
	void refusesOtherMediaTypesAndMethods() {
		assertProblem(this.mvc.post().uri("/v1/classify").contentType(MediaType.TEXT_PLAIN).content("good").exchange(),
				415, "unsupported-media-type");
		assertProblem(this.mvc.get().uri("/v1/classify").exchange(), 405, "method-not-allowed");
		assertProblem(this.mvc.get().uri("/v1/nothing").exchange(), 404, "not-found");
		MvcTestResult utf16 = this.mvc.post()
			.uri("/v1/classify")
			.contentType("application/json;charset=UTF-16LE")
			.content("{\"inputs\": [\"good\"]}".getBytes(StandardCharsets.UTF_16LE))
			.exchange();
		assertProblem(utf16, 415, "unsupported-media-type");
		assertThat(utf16).bodyJson().extractingPath("$.detail").asString().contains("JSON is read as UTF-8 only");
		assertThat(this.mvc.post()
			.uri("/v1/classify")
			.contentType("application/json; charset=\"utf8\"")
			.content("{\"inputs\": [\"good\"]}")
			.exchange()).hasStatusOk();
		MvcTestResult bogus = this.mvc.post()
			.uri("/v1/classify")
			.header("Content-Type", "application/json; charset=bogus")
			.content("{\"inputs\": [\"good\"]}")
			.exchange();
		assertProblem(bogus, 415, "unsupported-media-type");
		assertThat(bogus).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("'application/json; charset=bogus' is not a media type this service reads",
					"unsupported charset 'bogus'");
		MvcTestResult untyped = this.mvc.post().uri("/v1/classify").content("{\"inputs\": [\"good\"]}").exchange();
		assertProblem(untyped, 415, "unsupported-media-type");
		assertThat(untyped).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("The request has no Content-Type: send its body as application/json");
		MvcTestResult slash = post("/v1/classify/", "{\"inputs\": [\"good\"]}");
		assertProblem(slash, 404, "not-found");
		assertThat(slash).bodyJson()
			.extractingPath("$.detail")
			.isEqualTo("No endpoint POST /v1/classify/: paths take no trailing slash");
	}

	@Test
	void enforcesTheLimits() {
		String seventeen = String.join(",", Collections.nCopies(17, "\"good\""));
		assertProblem(post("/v1/classify", "{\"inputs\": [" + seventeen + "]}"), 413, "too-many-inputs");
		MvcTestResult longInput = post("/v1/classify", "{\"inputs\": [\"good\", \"" + "x".repeat(201) + "\"]}");
		assertProblem(longInput, 413, "input-too-long");
		assertThat(longInput).bodyJson().extractingPath("$.detail").asString().contains("Input 1", "201");
		MvcTestResult pairTooLong = post("/v1/classify",
				"{\"inputs\": [{\"text\": \"" + "x".repeat(150) + "\", \"pair\": \"" + "y".repeat(60) + "\"}]}");
		assertProblem(pairTooLong, 413, "input-too-long");
		assertProblem(post("/v1/classify", "{\"inputs\": [\"" + "good ".repeat(1000) + "\"]}"), 413, "body-too-large");
	}

	@Test
	void decompressesGzipBodiesWithinTheLimit() throws IOException {
		MvcTestResult ok = postEncoded("gzip", gzip("{\"inputs\": [\"good good good\"]}"));
		assertThat(ok).hasStatusOk();
		assertThat(ok).bodyJson().extractingPath("$.results[0].label").isEqualTo("positive");
		// 100 kB of JSON whitespace compresses far below the limit but expands above it.
		String bomb = "{\"inputs\": [\"good\"]" + " ".repeat(100_000) + "}";
		byte[] compressed = gzip(bomb);
		assertThat(compressed.length).isLessThan(4096);
		assertProblem(postEncoded("gzip", compressed), 413, "body-too-large");
		byte[] plain = "{\"inputs\": [\"good\"]}".getBytes(StandardCharsets.UTF_8);
		assertProblem(postEncoded("gzip", plain), 400, "malformed-request");
		MvcTestResult brotli = postEncoded("br", plain);
		assertProblem(brotli, 415, "unsupported-content-encoding");
		assertThat(brotli).headers().hasValue("Accept-Encoding", "gzip");
		// Content-Encoding lines are one list: identity, then gzip.
		MvcTestResult twoLines = this.mvc.post()
			.uri("/v1/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", "identity", "gzip")
			.content(gzip("{\"inputs\": [\"good\"]}"))
			.exchange();
		assertThat(twoLines).hasStatusOk();
		assertProblem(postEncoded("gzip, gzip", gzip("{\"inputs\": [\"good\"]}")), 415, "unsupported-content-encoding");

		byte[] first = gzip("{\"inputs\": [\"good");
		byte[] second = gzip("\"]}");
		byte[] twoMembers = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, twoMembers, first.length, second.length);
		assertThat(postEncoded("gzip", twoMembers)).as("gzip members one after the other").hasStatusOk();
		byte[] member = gzip("{\"inputs\": [\"good\"]}");
		MvcTestResult trailing = postEncoded("gzip", Arrays.copyOf(member, member.length + 7));
		assertProblem(trailing, 400, "malformed-request");
		assertThat(trailing).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.startsWith("The gzip body cannot be decompressed: ");
		MvcTestResult empty = postEncoded("gzip", new byte[0]);
		assertProblem(empty, 400, "malformed-request");
		assertThat(empty).bodyJson().extractingPath("$.detail").asString().doesNotContain("null");
		MvcTestResult truncated = postEncoded("gzip", Arrays.copyOf(member, member.length - 4));
		assertProblem(truncated, 400, "malformed-request");
		assertThat(truncated).bodyJson().extractingPath("$.detail").asString().doesNotContain("null");
	}

	private MvcTestResult postEncoded(String encoding, byte[] body) {
		return this.mvc.post()
			.uri("/v1/classify")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Content-Encoding", encoding)
			.content(body)
			.exchange();
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

	@Test
	void refusesRequestsWhenTheQueueIsFull() throws Exception {
		KeywordTier weak = this.loader.tiers("sentiment", 1).get(0);
		CountDownLatch started = weak.hold();
		List<CompletableFuture<MvcTestResult>> admitted = new ArrayList<>();
		try {
			String sixteen = "{\"inputs\": [" + String.join(",", Collections.nCopies(16, "\"good good good\"")) + "]}";
			admitted.add(CompletableFuture.supplyAsync(() -> post("/v1/classify", sixteen), this.clients));
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			for (int i = 0; i < 4; i++) {
				admitted.add(CompletableFuture.supplyAsync(() -> post("/v1/classify", sixteen), this.clients));
			}
			var batcher = this.server.require("sentiment", null).batcher();
			await().atMost(Duration.ofSeconds(5)).until(() -> batcher.queueDepth(0) == 64);
			MvcTestResult refused = post("/v1/classify", "{\"inputs\": [\"good\"]}");
			assertProblem(refused, 429, "queue-full");
			assertThat(refused).headers().hasValue("Retry-After", "1");
		}
		finally {
			weak.release();
		}
		for (CompletableFuture<MvcTestResult> request : admitted) {
			assertThat(request.get(10, TimeUnit.SECONDS)).hasStatusOk();
		}
	}

	@Test
	void failsRequestsWhoseDeadlinePassesInTheQueue() throws Exception {
		KeywordTier weak = this.loader.tiers("sentiment", 1).get(0);
		CountDownLatch started = weak.hold();
		CompletableFuture<MvcTestResult> first;
		CompletableFuture<MvcTestResult> late;
		try {
			first = CompletableFuture.supplyAsync(() -> post("/v1/classify", "{\"inputs\": [\"good good good\"]}"),
					this.clients);
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			late = CompletableFuture.supplyAsync(() -> post("/v1/classify", "{\"inputs\": [\"bad bad bad\"]}"),
					this.clients);
			var batcher = this.server.require("sentiment", null).batcher();
			await().atMost(Duration.ofSeconds(5)).until(() -> batcher.queueDepth(0) == 1);
			Thread.sleep(1200);
		}
		finally {
			weak.release();
		}
		assertThat(first.get(10, TimeUnit.SECONDS)).hasStatusOk();
		MvcTestResult result = late.get(10, TimeUnit.SECONDS);
		assertProblem(result, 503, "deadline-exceeded");
		assertThat(result).headers().containsHeader("Retry-After");
	}

	@Test
	void answersAnUnavailableTierWith503AndItsRetryDelay() {
		KeywordTier weak = this.loader.tiers("sentiment", 1).get(0);
		weak.failing(new TierUnavailableException("Remote tier 'weak' failed: infer call answered HTTP 502",
				Duration.ofSeconds(7), null));
		try {
			MvcTestResult result = post("/v1/classify", "{\"inputs\": [\"good\"]}");
			assertProblem(result, 503, "tier-unavailable");
			assertThat(result).headers().hasValue("Retry-After", "7");
			assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("answered HTTP 502");
			MvcTestResult oip = post("/v2/models/sentiment/infer",
					"{\"inputs\": [{\"name\": \"text\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"good\"]}]}");
			assertThat(oip).hasStatus(503);
			assertThat(oip).headers().hasValue("Retry-After", "7");
			assertThat(oip).bodyJson().extractingPath("$.error").asString().contains("Remote tier 'weak' failed");
		}
		finally {
			weak.failing(false);
		}
	}

	@Test
	void answersAFailedTierWith500ThatKeepsItsCauseInTheLog() {
		KeywordTier weak = this.loader.tiers("sentiment", 1).get(0);
		weak.failing(new TierException("Tier 'weak' failed: ai.onnxruntime.OrtException: /models/secret/model.onnx"));
		try {
			MvcTestResult result = post("/v1/classify", "{\"inputs\": [\"good\"]}");
			assertProblem(result, 500, "inference-failed");
			assertThat(result).bodyJson()
				.extractingPath("$.detail")
				.asString()
				.contains("failed to classify this request")
				.doesNotContain("/models/secret", "OrtException");
		}
		finally {
			weak.failing(false);
		}
	}

	@Test
	void answersWithThePreviousTiersPredictionWhenAnUnavailableTierFallsBack() {
		KeywordTier strong = this.loader.tiers("sentiment", 1).get(1);
		strong.failing(new TierUnavailableException("Remote tier 'strong' failed", Duration.ofSeconds(7), true, null));
		try {
			MvcTestResult result = post("/v1/classify", "{\"inputs\": [\"bad\"]}");
			assertThat(result).hasStatusOk();
			assertThat(result).bodyJson().extractingPath("$.results[0].fallback").isEqualTo(true);
			assertThat(result).bodyJson().extractingPath("$.results[0].tier.index").isEqualTo(0);
			assertThat(result).bodyJson().extractingPath("$.results[0].label").isEqualTo("negative");
			strong.failing(false);
			MvcTestResult answered = post("/v1/classify", "{\"inputs\": [\"bad\"]}");
			assertThat(answered).bodyJson().extractingPath("$.results[0].tier.index").isEqualTo(1);
			assertThat(answered).bodyJson().doesNotHavePath("$.results[0].fallback");
		}
		finally {
			strong.failing(false);
		}
	}

}
