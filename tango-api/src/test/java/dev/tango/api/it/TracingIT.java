package dev.tango.api.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tango.api.it.OtlpReceiver.Received;
import dev.tango.api.tracing.RequestSpan;
import dev.tango.api.tracing.ServingTracing;
import dev.tango.core.batching.BatchingCascade;
import dev.tango.core.batching.BatchingListener;
import dev.tango.core.batching.BatchingResult;
import dev.tango.core.tier.TextInput;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.LoadedCascade;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.runtime.remote.CallHeaders;
import dev.tango.runtime.remote.EndpointPolicy;
import dev.tango.runtime.remote.RemoteOipKind;
import dev.tango.runtime.remote.RemoteSecrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Traces of real requests, exported over OTLP/HTTP to a receiver in the test: a request's
 * span continues the caller's {@code traceparent} and carries the cascade version; each
 * tier call's span links to the requests whose inputs it held; a remote tier's call
 * carries the trace to the Tango that serves it, which continues it (the calling cascade
 * runs in the test on this service's tracing, as {@link RemoteTierIT} loads one: the
 * registry takes no plain-http endpoint).
 */
@DirtiesContext
class TracingIT extends ServiceIT {

	private static final OtlpReceiver RECEIVER = new OtlpReceiver();

	private static final HexFormat HEX = HexFormat.of();

	@Autowired
	Tracer tracer;

	@Autowired
	ServingTracing tracing;

	@Autowired
	CallHeaders callHeaders;

	@DynamicPropertySource
	static void tracing(DynamicPropertyRegistry registry) {
		registry.add("management.opentelemetry.tracing.export.otlp.endpoint", RECEIVER::endpoint);
		registry.add("management.opentelemetry.tracing.export.schedule-delay", () -> "100ms");
		registry.add("management.tracing.sampling.probability", () -> "1.0");
		registry.add("tango.runtime.remote.internal-hosts", () -> "127.0.0.1");
	}

	@Test
	void aRequestsSpanContinuesTheCallersTraceAndItsTierCallsLinkToIt() throws Exception {
		String traceId = randomHex(16);
		String callerSpan = randomHex(8);
		List<String> texts = devTexts(24);

		Response response = post("/v1/classify", inputs(texts), "traceparent", traceparent(traceId, callerSpan));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode body = response.json();
		int escalated = body.get("tiers").get(1).get("inputs").intValue();
		assertThat(escalated).as("unsure inputs reach the second tier").isPositive();
		Received server = RECEIVER.await(traceId, "the HTTP server span",
				(span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER);
		assertThat(server.parentSpanId()).isEqualTo(callerSpan);
		Received request = RECEIVER.await(traceId, "the request span", (span) -> span.name().equals("tango.classify"));
		assertThat(request.parentSpanId()).isEqualTo(server.spanId());
		assertThat(request.attribute("tango.cascade")).contains(SentimentCascadeFixture.NAME);
		assertThat(request.attribute("tango.cascade.version")).contains(body.get("version").asString());
		assertThat(request.attribute("tango.protocol")).contains("native");
		assertThat(request.attribute("tango.inputs")).contains("24");
		assertThat(request.attribute("tango.outcome")).contains("success");

		for (int tier = 0; tier < 2; tier++) {
			int inputs = (tier == 0) ? texts.size() : escalated;
			String index = Integer.toString(tier);
			List<Received> batches = awaitBatches(traceId, index, inputs);
			assertThat(batches).allSatisfy((batch) -> {
				assertThat(batch.parentSpanId()).isEqualTo(request.spanId());
				assertThat(batch.links()).containsExactly(traceId + "/" + request.spanId());
				assertThat(batch.attribute("tango.cascade")).contains(SentimentCascadeFixture.NAME);
				assertThat(batch.attribute("tango.tier")).hasValueSatisfying(
						(name) -> assertThat(name).startsWith(index.equals("0") ? "all-minilm-l6-v2-q" : "bge-small"));
				assertThat(batch.attribute("tango.batch.requests")).contains("1");
				assertThat(batch.attribute("tango.batch.queue.max_ms")).isPresent();
				assertThat(batch.attribute("tango.batch.compute_ms")).isPresent();
			});
		}
	}

	@Test
	void anInferenceRequestOfTheOpenInferenceProtocolIsTracedAlike() {
		String traceId = randomHex(16);
		String json = JSON.writeValueAsString(Map.of("inputs", List.of(Map.of("name", "text", "datatype", "BYTES",
				"shape", List.of(2), "data", List.of(ClassifyIT.POSITIVE.get(0), ClassifyIT.NEGATIVE.get(0))))));

		Response response = post("/v2/models/" + SentimentCascadeFixture.NAME + "/infer", json, "traceparent",
				traceparent(traceId, randomHex(8)));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		Received request = RECEIVER.await(traceId, "the request span", (span) -> span.name().equals("tango.classify"));
		assertThat(request.attribute("tango.protocol")).contains("oip");
		assertThat(request.attribute("tango.inputs")).contains("2");
		assertThat(request.attribute("tango.cascade.version"))
			.contains(response.json().get("model_version").asString());
		assertThat(awaitBatches(traceId, "0", 2))
			.allSatisfy((batch) -> assertThat(batch.links()).containsExactly(traceId + "/" + request.spanId()));
	}

	@Test
	void aTierCallThatHoldsInputsOfSeveralRequestsLinksToEachOfThem() throws Exception {
		List<String> texts = devTexts(48);
		Received shared = null;
		for (int round = 0; round < 5 && shared == null; round++) {
			List<String> traces = new ArrayList<>();
			List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				String traceId = randomHex(16);
				traces.add(traceId);
				responses.add(this.http.sendAsync(HttpRequest.newBuilder(uri("/v1/classify"))
					.timeout(Duration.ofSeconds(60))
					.header("Content-Type", "application/json")
					.header("traceparent", traceparent(traceId, randomHex(8)))
					.POST(HttpRequest.BodyPublishers.ofString(inputs(texts.subList(i * 8, i * 8 + 8))))
					.build(), HttpResponse.BodyHandlers.ofString()));
			}
			for (CompletableFuture<HttpResponse<String>> response : responses) {
				assertThat(response.get().statusCode()).isEqualTo(200);
			}
			List<Received> requests = traces.stream()
				.map((traceId) -> RECEIVER.await(traceId, "the request span",
						(span) -> span.name().equals("tango.classify")))
				.toList();
			List<String> requestSpans = requests.stream().map((span) -> span.traceId() + "/" + span.spanId()).toList();
			List<Received> firstTierCalls = await("the first tier's calls of the round").atMost(Duration.ofSeconds(30))
				.until(() -> RECEIVER.spans()
					.stream()
					.filter((span) -> span.name().equals("tango.tier.batch")
							&& span.attribute("tango.tier.index").equals(Optional.of("0"))
							&& span.links().stream().anyMatch(requestSpans::contains))
					.toList(), (calls) -> calls.stream().mapToInt(TracingIT::size).sum() == texts.size());
			shared = firstTierCalls.stream()
				.filter((span) -> span.links().size() > 1 && requestSpans.containsAll(span.links()))
				.findFirst()
				.orElse(null);
		}

		assertThat(shared).as("a tier call shared by concurrent requests").isNotNull();
		assertThat(shared.attribute("tango.batch.requests")).contains(Integer.toString(shared.links().size()));
		assertThat(shared.links()).as("linked to its parent request among others")
			.contains(shared.traceId() + "/" + shared.parentSpanId());
	}

	@Test
	void aRemoteTiersCallCarriesTheTraceToTheTangoThatServesIt() throws Exception {
		CascadeVersion sentiment = active().version();
		ModelVersion large = sentiment.tiers().get(sentiment.tiers().size() - 1).model();
		String largeAlone = "sst2-large-" + System.nanoTime();
		serve(new NewCascadeVersion(largeAlone, List.of(new NewTier(large.key(), null, 32, 2)), "the large tier alone",
				"tracing-test"));
		// The calling side, as RemoteTierIT loads it, on this service's tracing and call
		// headers.
		CascadeLoader loader = new CascadeLoader(DefaultArtifactSource.create(), TierKinds.installed()
			.with(new RemoteOipKind(new EndpointPolicy(Set.of("127.0.0.1")), RemoteSecrets.NONE, this.callHeaders)));
		Path local = Path.of(URI.create(SentimentCascadeFixture.descriptorUri()));
		String endpoint = "http://127.0.0.1:" + this.port + "/v2/models/" + largeAlone;
		io.micrometer.tracing.Span caller = this.tracer.nextSpan().name("caller").start();
		String traceId = caller.context().traceId();
		try (LoadedCascade cascade = loader.load(RemoteTierIT.remoteDescriptor(local, endpoint, ""))) {
			BatchingCascade batcher = BatchingCascade.builder(cascade.stages())
				.listener(this.tracing.tracingTierCalls(BatchingListener.NONE, "sst2-remote", 1))
				.build();
			batcher.start();
			try {
				RequestSpan request;
				CompletableFuture<BatchingResult> result;
				try (Tracer.SpanInScope callerScope = this.tracer.withSpan(caller)) {
					request = this.tracing.requestStarted("sst2-remote", 1, "native", 24);
					try (Tracer.SpanInScope requestScope = request.open()) {
						result = batcher.submit(devTexts(24).stream().map(TextInput::of).toList());
					}
				}
				assertThat(result.get(60, TimeUnit.SECONDS).stages().get(1).inputs())
					.as("inputs sent to the remote tier")
					.isPositive();
				request.ended("success", null);
			}
			finally {
				batcher.shutdown(Duration.ofSeconds(10));
				caller.end();
			}
		}

		Received remoteCall = RECEIVER.await(traceId, "the remote tier's call",
				(span) -> span.name().equals("tango.tier.batch")
						&& span.attribute("tango.tier.index").equals(Optional.of("1")));
		Received served = RECEIVER.await(traceId, "the remote Tango's HTTP server span",
				(span) -> span.span().getKind() == SpanKind.SPAN_KIND_SERVER
						&& span.parentSpanId().equals(remoteCall.spanId()));
		Received remoteRequest = RECEIVER.await(traceId, "the remote Tango's request span",
				(span) -> span.name().equals("tango.classify") && span.parentSpanId().equals(served.spanId()));
		assertThat(remoteRequest.attribute("tango.cascade")).contains(largeAlone);
		assertThat(remoteRequest.attribute("tango.protocol")).contains("oip");
		RECEIVER.await(traceId, "the remote Tango's tier call",
				(span) -> span.name().equals("tango.tier.batch") && span.parentSpanId().equals(remoteRequest.spanId()));
	}

	/**
	 * Waits until the tier calls at a tier of the sentiment cascade in a trace add up to
	 * the given number of inputs.
	 */
	private static List<Received> awaitBatches(String traceId, String tier, int inputs) {
		return awaitBatches(traceId, tier, inputs, SentimentCascadeFixture.NAME);
	}

	private static List<Received> awaitBatches(String traceId, String tier, int inputs, String cascade) {
		return await("tier " + tier + " calls of " + inputs + " inputs in trace " + traceId)
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> RECEIVER.trace(traceId)
				.stream()
				.filter((span) -> span.name().equals("tango.tier.batch")
						&& span.attribute("tango.tier.index").equals(Optional.of(tier))
						&& span.attribute("tango.cascade").equals(Optional.of(cascade)))
				.toList(), (batches) -> batches.stream().mapToInt(TracingIT::size).sum() == inputs);
	}

	private static int size(Received batch) {
		return Integer.parseInt(batch.attribute("tango.batch.size").orElseThrow());
	}

	private void serve(NewCascadeVersion request) {
		CascadeVersion version = this.registry.createCascadeVersion(request);
		this.registry.activate(ActivationRequest.of(version.cascade(), version.version(), "tracing-test", "tracing"));
		await().atMost(Duration.ofMinutes(2))
			.until(() -> this.server.status(version.cascade()).map((status) -> status.serving()).orElse(false));
	}

	private static List<String> devTexts(int count) throws Exception {
		return SentimentCascadeFixture.sst2("dev.tsv")
			.slice(0, count)
			.examples()
			.stream()
			.map(LabelledExample::input)
			.map((input) -> input.text())
			.toList();
	}

	private static String traceparent(String traceId, String spanId) {
		return "00-" + traceId + "-" + spanId + "-01";
	}

	private static String randomHex(int bytes) {
		byte[] value = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(value);
		return HEX.formatHex(value);
	}

}
