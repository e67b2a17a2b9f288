package dev.tango.runtime.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierOpenException;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.remote.FakeOipServer.Answer;
import dev.tango.runtime.testsupport.CascadeFolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RemoteOipTierTest {

	private static final List<TextInput> TEXTS = List.of(TextInput.of("a good film"), TextInput.of("dull"));

	private final FakeOipServer server = open();

	private final RemoteOipKind kind = new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1")),
			RemoteSecrets.declared(
					Map.of("TRITON_TOKEN", Set.of("127.0.0.1"), "MISSING", Set.of("127.0.0.1"), "ELSEWHERE",
							Set.of("triton.internal")),
					Map.of("TRITON_TOKEN", "Bearer s3cret", "ELSEWHERE", "Bearer other")::get));

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void sendsOneInferCallPerBatchAndReadsTheLabelsFromTheMetadata() throws IOException {
		this.server.infer = FakeOipServer::sentiment;
		try (Tier tier = this.kind.open(spec(Map.of("authEnv", "TRITON_TOKEN")), DefaultArtifactSource.create())) {
			assertThat(tier.labels()).containsExactly("negative", "positive");
			assertThat(tier.name()).isEqualTo("remote+m");

			List<Scores> scores = tier.classify(TEXTS, Duration.ofSeconds(5));

			assertThat(probabilities(scores.get(0))).containsExactly(new float[] { 0.1f, 0.9f }, within());
			assertThat(probabilities(scores.get(1))).containsExactly(new float[] { 0.8f, 0.2f }, within());
			assertThat(this.server.requests).hasSize(1);
			JsonNode input = this.server.requests.get(0).path("inputs").get(0);
			assertThat(input.path("name").asString()).isEqualTo("text");
			assertThat(input.path("datatype").asString()).isEqualTo("BYTES");
			assertThat(input.path("shape").toString()).isEqualTo("[2]");
			assertThat(this.server.authorizations).containsOnly("Bearer s3cret");
		}
	}

	@Test
	void eachCallCarriesTheHeadersOfTheThreadThatMakesIt() throws Exception {
		this.server.infer = FakeOipServer::sentiment;
		ThreadLocal<String> trace = new ThreadLocal<>();
		RemoteOipKind traced = new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1")), RemoteSecrets.NONE,
				(header) -> {
					String traceparent = trace.get();
					if (traceparent != null) {
						header.accept("traceparent", traceparent);
					}
				});
		String first = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		try (Tier tier = traced.open(spec(Map.of()), DefaultArtifactSource.create())) {
			trace.set(first);
			tier.classify(TEXTS, Duration.ofSeconds(5));
			Thread other = Thread.ofPlatform().start(() -> {
				trace.set(second);
				tier.classify(TEXTS, Duration.ofSeconds(5));
			});
			other.join();
			trace.remove();
			tier.classify(TEXTS, Duration.ofSeconds(5));
		}

		assertThat(this.server.requests).hasSize(3);
		assertThat(this.server.traceparents).as("metadata at open, then three infer calls")
			.containsExactly("", first, second, "");
	}

	@Test
	void sendsTokenIdsWithTheirAttentionMaskWhenTheSpecHasATokenizer() throws IOException {
		this.server.infer = (request) -> Answer
			.ok("""
					{"outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [2, 2], "data": [[0.5, 0.5], [0.25, 0.75]]}]}""");
		TierSpec spec = new TierSpec("remote-oip", null,
				Map.of("model", TierArtifact.of(this.server.endpoint()), "tokenizer",
						TierArtifact.of("classpath:all-minilm-l6-v2-q-tokenizer.json")),
				Label.of(List.of("negative", "positive")), Map.of("maxTokens", "8"), OrtOptions.defaults(), null,
				StageSettings.answering(1), Duration.ZERO);
		List<TextInput> inputs = List.of(TextInput.of("good"),
				TextInput.of("a long review that says much more than eight tokens can hold"));
		try (Tier tier = this.kind.open(spec, DefaultArtifactSource.create())) {
			assertThat(tier.maxInputTokens()).isEqualTo(8);
			assertThat(tier.length(inputs.get(0))).isEqualTo(3);

			List<Scores> scores = tier.classify(inputs, Duration.ofSeconds(5));

			assertThat(scores).extracting(Scores::truncated).containsExactly(false, true);
			assertThat(probabilities(scores.get(1))).containsExactly(new float[] { 0.25f, 0.75f }, within());
			JsonNode ids = this.server.requests.get(0).path("inputs").get(0);
			JsonNode mask = this.server.requests.get(0).path("inputs").get(1);
			assertThat(ids.path("name").asString()).isEqualTo("input_ids");
			assertThat(ids.path("datatype").asString()).isEqualTo("INT64");
			assertThat(ids.path("shape").toString()).isEqualTo("[2,8]");
			assertThat(ids.path("data").get(0).asLong()).isEqualTo(101);
			assertThat(mask.path("name").asString()).isEqualTo("attention_mask");
			assertThat(mask.path("data").toString()).isEqualTo("[1,1,1,0,0,0,0,0,1,1,1,1,1,1,1,1]");
			assertThat(this.server.requests.get(0).path("inputs").size())
				.as("the metadata lists no token_type_ids input")
				.isEqualTo(2);
		}
	}

	@Test
	void sendsTokenTypesToAModelWhoseMetadataListsThem() throws IOException {
		this.server.metadata = """
				{"name": "m", "inputs": [{"name": "input_ids", "datatype": "INT64", "shape": [-1, -1]},
				 {"name": "attention_mask", "datatype": "INT64", "shape": [-1, -1]},
				 {"name": "token_type_ids", "datatype": "INT64", "shape": [-1, -1]}]}""";
		this.server.infer = (request) -> Answer
			.ok("""
					{"outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [2, 2], "data": [[0.5, 0.5], [0.25, 0.75]]}]}""");
		List<TextInput> inputs = List.of(TextInput.of("good"), TextInput.pair("is it good", "yes"));
		try (Tier tier = this.kind.open(tokenIdSpec(), DefaultArtifactSource.create())) {
			tier.classify(inputs, Duration.ofSeconds(5));
			JsonNode tensors = this.server.requests.get(0).path("inputs");
			assertThat(tensors.size()).isEqualTo(3);
			JsonNode types = tensors.get(2);
			assertThat(types.path("name").asString()).isEqualTo("token_type_ids");
			assertThat(types.path("datatype").asString()).isEqualTo("INT64");
			assertThat(types.path("shape").toString()).as("padded to the pair's length").isEqualTo("[2,7]");
			// [CLS] good [SEP] and padding: zeros; [CLS] is it good [SEP] yes [SEP]: the
			// pair's second text is 1.
			assertThat(types.path("data").toString()).isEqualTo("[0,0,0,0,0,0,0,0,0,0,0,0,1,1]");
		}
	}

	@Test
	void aTokenIdTierOpensWhileItsServerIsDownAndSendsNoTokenTypes() throws IOException {
		TierSpec spec = tokenIdSpec();
		this.server.close();
		try (Tier tier = this.kind.open(spec, DefaultArtifactSource.create())) {
			assertThat(tier.labels()).containsExactly("negative", "positive");
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(2)));
		}
	}

	private TierSpec tokenIdSpec() {
		return new TierSpec("remote-oip", null,
				Map.of("model", TierArtifact.of(this.server.endpoint()), "tokenizer",
						TierArtifact.of("classpath:all-minilm-l6-v2-q-tokenizer.json")),
				Label.of(List.of("negative", "positive")), Map.of("maxTokens", "8"), OrtOptions.defaults(), null,
				StageSettings.answering(1), Duration.ZERO);
	}

	@Test
	void readsLogitsWhenToldSo() throws IOException {
		this.server.infer = (request) -> Answer.ok("""
				{"outputs": [{"name": "logits", "datatype": "FP64", "shape": [2, 2], "data": [2.0, -1.5, 0, 0]}]}""");
		try (Tier tier = this.kind.open(spec(Map.of("output", "logits", "scores", "logits")),
				DefaultArtifactSource.create())) {
			List<Scores> scores = tier.classify(TEXTS, Duration.ofSeconds(5));

			assertThat(scores.get(0).logits()).containsExactly(2.0f, -1.5f);
			assertThat(scores.get(1).logits()).containsExactly(0f, 0f);
		}
	}

	@Test
	void aServerThatIsDownFailsCallsAndThenFailsThemFastBehindAnOpenBreaker() throws IOException {
		this.server.infer = FakeOipServer::sentiment;
		try (Tier tier = this.kind.open(spec(Map.of("retries", "0")), DefaultArtifactSource.create())) {
			this.server.close();
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(TierUnavailableException.class)
					.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(5)))
					.withMessageContaining("Remote tier 'remote+m' failed: infer call")
					.withMessageNotContaining(this.server.endpoint());
			}
			long start = System.nanoTime();
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(5)))
				.withMessageContaining("circuit breaker is open")
				.satisfies((ex) -> assertThat(ex.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(((RemoteOipTier) tier).reachable()).isFalse();
		}
	}

	@Test
	void aSlowServerIsAbandonedAtTheBatchDeadline() throws IOException {
		this.server.infer = (request) -> new Answer(200, FakeOipServer.sentiment(request).body(), 3_000);
		try (Tier tier = this.kind.open(spec(Map.of()), DefaultArtifactSource.create())) {
			long start = System.nanoTime();

			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(TEXTS, Duration.ofMillis(300)))
				.withMessageContaining("got no answer within");

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
		}
	}

	@Test
	void aServerErrorIsRetriedOnceAndThenReportedWithItsStatusAndBody() throws IOException {
		this.server.infer = (request) -> new Answer(503, "{\"error\": \"model is loading\"}", 0);
		try (Tier tier = this.kind.open(spec(Map.of()), DefaultArtifactSource.create())) {
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(5)))
				.withMessageContaining("Remote tier 'remote+m' failed: infer call answered HTTP 503")
				.withMessageNotContaining("model is loading")
				.satisfies((ex) -> assertThat(ex.getCause()).as("what the server said, for the log")
					.hasMessageContaining("answered HTTP 503: {\"error\": \"model is loading\"}"))
				.satisfies((ex) -> assertThat(ex.fallBack()).isFalse());
			assertThat(this.server.requests).hasSize(2);
		}
		try (Tier tier = this.kind.open(spec(Map.of("fallback", "previous-tier")), DefaultArtifactSource.create())) {
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(5)))
				.satisfies((ex) -> assertThat(ex.fallBack()).isTrue());
		}
	}

	@Test
	void malformedTensorsAreRefusedWithWhatWasExpected() throws IOException {
		Map<String, String> bodies = Map.of("shape [2]; [2, 2] was expected", """
				{"outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [2], "data": [0.1, 0.9]}]}""",
				"datatype 'INT64'; a floating-point one",
				"""
						{"outputs": [{"name": "probabilities", "datatype": "INT64", "shape": [2, 2], "data": [0, 1, 1, 0]}]}""",
				"but 3 elements in its data",
				"""
						{"outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [2, 2], "data": [0.1, 0.9, 0.5]}]}""",
				"no output named 'probabilities'", "{\"outputs\": []}", "the body is not JSON", "<html>oops</html>",
				"not a probability",
				"""
						{"outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [2, 2], "data": [3, 1, 1, 0]}]}""");
		for (Map.Entry<String, String> body : bodies.entrySet()) {
			this.server.infer = (request) -> Answer.ok(body.getValue());
			try (Tier tier = this.kind.open(spec(Map.of()), DefaultArtifactSource.create())) {
				assertThatExceptionOfType(TierUnavailableException.class)
					.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(5)))
					.withMessageContaining("answered a malformed inference response")
					.satisfies((ex) -> assertThat(ex.getCause()).as("what was wrong, for the log")
						.hasMessageContaining(body.getKey()));
			}
		}
	}

	@Test
	void anAnswerLongerThanTheLimitIsRefusedAsItArrivesAndNotRetried() throws IOException {
		String huge = "{\"outputs\": [], \"padding\": \"" + "x".repeat((int) OipClient.MAX_BODY_BYTES) + "\"}";
		this.server.infer = (request) -> Answer.ok(huge);
		try (Tier tier = this.kind.open(spec(Map.of()), DefaultArtifactSource.create())) {
			assertThatExceptionOfType(TierUnavailableException.class)
				.isThrownBy(() -> tier.classify(TEXTS, Duration.ofSeconds(10)))
				.withMessageContaining("the answer is longer than " + OipClient.MAX_BODY_BYTES + " bytes");
			assertThat(this.server.requests).hasSize(1);
		}
	}

	@Test
	void opensThroughTheLoaderAsTheLastTierOfACascade() throws IOException {
		this.server.infer = FakeOipServer::sentiment;
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), TierKinds.installed().with(this.kind));
		try (LoadedCascade cascade = loader.open(new CascadeSpec("remote", List.of(spec(Map.of()))))) {
			assertThat(Label.ids(cascade.labels())).containsExactly("negative", "positive");
			assertThat(cascade.tiers().get(0).settings().batchSize()).isEqualTo(RemoteOipTier.DEFAULT_BATCH_SIZE);
			assertThat(cascade.tiers().get(0).threadsPerCall()).isEqualTo(1);
		}
	}

	@Test
	void takesTheLabelIdentifiersARemoteTangoPublishesBesideItsDisplayNames() throws IOException {
		this.server.infer = FakeOipServer::sentiment;
		this.server.metadata = "{\"name\": \"m\", \"parameters\": {\"labels\": \"negative,positive\", \"label_ids\": \"0,1\"}}";
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), TierKinds.installed().with(this.kind));
		try (LoadedCascade cascade = loader.open(new CascadeSpec("remote", List.of(spec(Map.of()))))) {
			assertThat(cascade.stages().get(0).tier().labels()).containsExactly("0", "1");
		}
	}

	@Test
	void aDescriptorFileNamesTheEndpointAndTheOptions(@TempDir Path dir) throws IOException {
		this.server.infer = FakeOipServer::sentiment;
		Path descriptor = new CascadeFolder(dir).descriptor("triton", """
				{"kind": "remote-oip", "model": "%s", "labels": "neg,pos", "timeoutMillis": 2000, "batchSize": 8}"""
			.formatted(this.server.endpoint()));
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), TierKinds.installed().with(this.kind));
		try (LoadedCascade cascade = loader.load(descriptor)) {
			assertThat(Label.ids(cascade.labels())).containsExactly("neg", "pos");
			assertThat(cascade.tiers().get(0).settings().batchSize()).isEqualTo(8);
			assertThat(cascade.stages().get(0).tier().classify(TEXTS, Duration.ofSeconds(5))).hasSize(2);
		}
		assertThat(this.server.authorizations).hasSize(1);
	}

	@Test
	void theInstalledKindRefusesLoopbackEndpoints() {
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create());
		assertThatExceptionOfType(TierOpenException.class)
			.isThrownBy(() -> loader.open(new CascadeSpec("remote", List.of(spec(Map.of())))))
			.withMessageContaining(
					"uses plain http, allowed only to hosts listed in tango.runtime.remote.internal-hosts");
		String https = this.server.endpoint().replace("http:", "https:");
		assertThatExceptionOfType(TierOpenException.class)
			.isThrownBy(() -> loader.open(new CascadeSpec("remote", List.of(spec(https, Map.of())))))
			.withMessageContaining(
					"resolves to 127.0.0.1, a loopback address; list the host in tango.runtime.remote.internal-hosts");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			authEnv  | Bearer abc | never hold the secret
			scores   | votes      | must be probabilities or logits, was 'votes'
			fallback | maybe      | must be fail or previous-tier, was 'maybe'
			endpoint | x          | not used by a remote-oip tier
			""")
	void specsAreCheckedBeforeAnythingOpens(String option, String value, String message) {
		assertThatExceptionOfType(InvalidTierSpecException.class)
			.isThrownBy(() -> this.kind.validate(spec(Map.of(option, value))))
			.withMessageContaining(message);
		assertThat(this.server.requests).as("nothing was sent").isEmpty();
	}

	@Test
	void aModelWithAChecksumIsRefused() {
		TierSpec withChecksum = new TierSpec("remote-oip", null,
				Map.of("model", new TierArtifact(this.server.endpoint(), "ab".repeat(32))), List.of(), Map.of(),
				OrtOptions.defaults(), null, StageSettings.answering(1), Duration.ZERO);
		assertThatExceptionOfType(InvalidTierSpecException.class).isThrownBy(() -> this.kind.validate(withChecksum))
			.withMessageContaining("has no sha256");
		assertThat(this.server.requests).as("nothing was sent").isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			textBlock = """
					a secret that is not set                      | MISSING                    | Secret 'MISSING' (option authEnv) is not set
					a setting of the service that no secret declares | SPRING_DATASOURCE_PASSWORD | Secret 'SPRING_DATASOURCE_PASSWORD' (option authEnv) is not declared
					a secret declared for another host            | ELSEWHERE                  | Secret 'ELSEWHERE' (option authEnv) may not be sent to 127.0.0.1
					""")
	void secretsAreCheckedBeforeAnythingIsSent(String what, String secret, String message) {
		assertThatIllegalArgumentException().as(what)
			.isThrownBy(() -> this.kind.open(spec(Map.of("authEnv", secret)), DefaultArtifactSource.create()))
			.withMessageContaining(message);
		assertThat(this.server.requests).as("nothing was sent").isEmpty();
	}

	private TierSpec spec(Map<String, String> options) {
		return spec(this.server.endpoint(), options);
	}

	private static TierSpec spec(String endpoint, Map<String, String> options) {
		return new TierSpec("remote-oip", null, Map.of("model", TierArtifact.of(endpoint)), List.of(),
				new HashMap<>(options), OrtOptions.defaults(), null, StageSettings.answering(1), Duration.ZERO);
	}

	private static float[] probabilities(Scores scores) {
		float[] logits = scores.logits();
		double sum = 0;
		for (float logit : logits) {
			sum += Math.exp(logit);
		}
		float[] p = new float[logits.length];
		for (int i = 0; i < p.length; i++) {
			p[i] = (float) (Math.exp(logits[i]) / sum);
		}
		return p;
	}

	private static org.assertj.core.data.Offset<Float> within() {
		return org.assertj.core.data.Offset.offset(1e-5f);
	}

	private static FakeOipServer open() {
		try {
			return new FakeOipServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
