package dev.tango.api.it;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import dev.tango.client.Health;
import dev.tango.client.RetryPolicy;
import dev.tango.client.TangoApiException;
import dev.tango.client.TangoClient;
import dev.tango.client.classify.ClassifyRequest;
import dev.tango.client.classify.ClassifyResponse;
import dev.tango.client.classify.TextInput;
import dev.tango.client.feedback.FeedbackItem;
import dev.tango.client.feedback.FeedbackRequest;
import dev.tango.client.feedback.FeedbackResponse;
import dev.tango.client.oip.InferenceRequest;
import dev.tango.client.oip.InferenceResponse;
import dev.tango.client.oip.ModelMetadata;
import dev.tango.client.oip.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * The Java client ({@code tango-client}) against the real service: the native API, the
 * Open Inference Protocol, problem details as exceptions, API keys, and overload that a
 * client without retries sees as 429 with {@code Retry-After} while one that retries gets
 * every answer. The settings are {@link OverloadIT}'s, so both share one service.
 */
@TestPropertySource(properties = { "tango.api.batching.queue-capacity=16", "tango.api.limits.max-inputs=16",
		"tango.api.auth.enabled=true", "tango.api.auth.keys=it-key-one,it-key-two" })
class ClientIT extends ServiceIT {

	private static final String NAME = SentimentCascadeFixture.NAME;

	private TangoClient client() {
		return TangoClient.builder(URI.create("http://localhost:" + this.port)).apiKey("it-key-one").build();
	}

	@Test
	void classifiesWithProbabilitiesAndPairs() {
		ClassifyResponse answer = client().classify(
				ClassifyRequest.of(ClassifyIT.POSITIVE.get(0), ClassifyIT.NEGATIVE.get(0), ClassifyIT.POSITIVE.get(1))
					.withProbabilities());

		assertThat(answer.cascade()).isEqualTo(NAME);
		assertThat(answer.version()).isEqualTo(active().version().version());
		assertThat(answer.labels()).containsExactly("positive", "negative", "positive");
		for (ClassifyResponse.Result result : answer.results()) {
			assertThat(result.probabilities()).containsOnlyKeys("negative", "positive");
			assertThat(result.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
					within(1e-4));
			assertThat(result.confidence()).isCloseTo(result.probabilities().get(result.label()), within(1e-4));
			assertThat(result.tier().name()).isEqualTo(answer.tiers().get(result.tier().index()).name());
		}
		assertThat(answer.tiers().get(0).inputs()).isEqualTo(3);

		ClassifyResponse pairs = client().classify(NAME, ClassifyRequest.ofInputs(
				List.of(TextInput.pair("is it good ?", "it is dull ."), TextInput.of(ClassifyIT.NEGATIVE.get(1)))));
		assertThat(pairs.results()).hasSize(2);
		assertThat(pairs.results().get(0).probabilities()).isNull();
		assertThat(pairs.labels().get(1)).isEqualTo("negative");
	}

	@Test
	void sendsTheTrueLabelsOfItsAnswersAndOfTexts() {
		TangoClient client = client();
		ClassifyResponse answer = client.classify(NAME,
				ClassifyRequest.of(ClassifyIT.POSITIVE.get(0), ClassifyIT.NEGATIVE.get(0)), "client-feedback-user");
		assertThat(answer.labels()).containsExactly("positive", "negative");
		assertThat(answer.results()).extracting(ClassifyResponse.Result::answerId)
			.doesNotContainNull()
			.doesNotHaveDuplicates();
		String first = answer.results().get(0).answerId();
		String second = answer.results().get(1).answerId();
		String text = "a client's own review, sent at " + System.nanoTime();

		FeedbackResponse stored = client.feedback(
				FeedbackRequest.of(FeedbackItem.ofAnswer(first, "positive"), FeedbackItem.ofAnswer(second, "positive"),
						FeedbackItem.ofInput(TextInput.of(text), "negative"), FeedbackItem.ofAnswer(first, "neutral")));

		assertThat(stored.accepted()).isEqualTo(3);
		assertThat(stored.rejected()).isEqualTo(1);
		assertThat(stored.items()).extracting(FeedbackResponse.Outcome::index).containsExactly(0, 1, 2, 3);
		assertThat(stored.items().get(0).correct()).isTrue();
		assertThat(stored.items().get(1).correct()).isFalse();
		assertThat(stored.items().get(0).version()).isEqualTo(answer.version());
		assertThat(stored.items().get(0).tier()).isEqualTo(answer.results().get(0).tier().index());
		assertThat(stored.items().get(2).cascade()).isEqualTo(NAME);
		FeedbackResponse.Outcome refused = stored.items().get(3);
		assertThat(refused.stored()).isFalse();
		assertThat(refused.error()).isEqualTo("unknown-label");
		assertThat(refused.detail()).contains("neutral");

		FeedbackResponse again = client.feedback(FeedbackRequest.of(FeedbackItem.ofAnswer(first, "positive")));
		assertThat(again.duplicates()).isEqualTo(1);
		assertThat(again.items().get(0).stored()).isTrue();
	}

	@Test
	void speaksTheOpenInferenceProtocol() {
		TangoClient client = client();
		String version = Integer.toString(active().version().version());

		assertThat(client.serverMetadata().name()).isEqualTo("tango");
		assertThat(client.serverLive()).isTrue();
		assertThat(client.serverReady()).isTrue();
		assertThat(client.modelReady(NAME)).isTrue();
		assertThat(client.modelReady(NAME, version)).isTrue();
		assertThat(client.modelReady(NAME, version + "0")).isFalse();
		ModelMetadata metadata = client.modelMetadata(NAME);
		assertThat(metadata.versions()).containsExactly(version);
		assertThat(metadata.labels()).containsExactly("negative", "positive");
		assertThat(client.modelMetadata(NAME, version)).isEqualTo(metadata);

		InferenceResponse response = client.infer(NAME, version,
				InferenceRequest.texts(List.of(ClassifyIT.POSITIVE.get(0), ClassifyIT.NEGATIVE.get(0)))
					.withId("client-1")
					.withOutputs("label", "probabilities"));
		assertThat(response.id()).isEqualTo("client-1");
		assertThat(response.modelVersion()).isEqualTo(version);
		assertThat(response.outputs()).extracting(Tensor::name).containsExactly("label", "probabilities");
		assertThat(response.output("label").strings()).containsExactly("positive", "negative");
		Tensor probabilities = response.output("probabilities");
		assertThat(probabilities.shape()).containsExactly(2L, 2L);
		double[] values = probabilities.numbers();
		assertThat(values[0] + values[1]).isCloseTo(1.0, within(1e-5));
		assertThat(values[1]).isGreaterThan(0.5);

		TangoApiException wrongVersion = catchThrowableOfType(TangoApiException.class,
				() -> client.infer(NAME, version + "0", InferenceRequest.texts(List.of("x"))));
		assertThat(wrongVersion.status()).isEqualTo(404);
		assertThat(wrongVersion.detail())
			.hasValueSatisfying((detail) -> assertThat(detail).contains("serves version " + version));
	}

	@Test
	void turnsProblemDetailsIntoExceptions() {
		TangoClient client = client();
		String longReview = "the film is a slow , thoughtful and rewarding character study . ".repeat(60);

		TangoApiException tooLong = catchThrowableOfType(TangoApiException.class,
				() -> client.classify(ClassifyRequest.of(ClassifyIT.POSITIVE.get(0), longReview).withTruncate(false)));
		assertThat(tooLong.status()).isEqualTo(422);
		assertThat(tooLong.isType("token-limit-exceeded")).isTrue();
		assertThat(tooLong.title()).contains("Input longer than the model reads");
		assertThat(tooLong.instance()).contains(URI.create("/v1/classify"));
		assertThat(tooLong.properties().get("inputs")).isEqualTo(List.of(1));

		TangoApiException empty = catchThrowableOfType(TangoApiException.class,
				() -> client.classify(ClassifyRequest.of()));
		assertThat(empty.status()).isEqualTo(400);
		assertThat(empty.isType("invalid-input")).isTrue();
		assertThat(empty.detail()).isPresent();

		TangoApiException tooMany = catchThrowableOfType(TangoApiException.class,
				() -> client.classify(ClassifyRequest.of(Collections.nCopies(17, "fine ."))));
		assertThat(tooMany.status()).isEqualTo(413);
		assertThat(tooMany.isType("too-many-inputs")).isTrue();

		TangoApiException unknown = catchThrowableOfType(TangoApiException.class,
				() -> client.classify("no-such-cascade", ClassifyRequest.of("fine .")));
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.isType("cascade-not-found")).isTrue();
	}

	@Test
	void sendsTheApiKeyWhereItIsNeeded() {
		TangoClient anonymous = TangoClient.builder(URI.create("http://localhost:" + this.port)).build();

		TangoApiException refused = catchThrowableOfType(TangoApiException.class,
				() -> anonymous.classify(ClassifyRequest.of("fine .")));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.isType("unauthorized")).isTrue();
		assertThat(anonymous.serverReady()).isTrue();
		Health readiness = anonymous.readiness();
		assertThat(readiness.isUp()).isTrue();
		assertThat(readiness.component("cascades", NAME).orElseThrow().details()).containsEntry("servedVersion",
				active().version().version());
		assertThat(client().classify(ClassifyRequest.of("fine .")).results()).hasSize(1);
	}

	@Test
	void describesTheApiKeyWhereItIsRequired() {
		Response docs = get("/v3/api-docs");
		assertThat(docs.status()).as("the description needs no key").isEqualTo(200);
		OpenApiRules.check(docs.body(), true);
	}

	@Test
	void retriesOverloadUntilEveryRequestIsAnswered() throws Exception {
		String review = "the story is slow , the acting uneven , yet the final act lands with real force . ";
		ClassifyRequest request = ClassifyRequest.of(Collections.nCopies(16, review.repeat(3)));
		TangoClient once = client().withRetry(RetryPolicy.none());
		TangoClient patient = client().withRetry(RetryPolicy.of(40, Duration.ofMinutes(2)));

		List<Object> single = burst(24, 2, () -> once.classify(request));
		List<TangoApiException> refused = single.stream()
			.filter(TangoApiException.class::isInstance)
			.map(TangoApiException.class::cast)
			.toList();
		assertThat(refused).as("refused without retries").isNotEmpty().allSatisfy((error) -> {
			assertThat(error.status()).isEqualTo(429);
			assertThat(error.isType("queue-full")).isTrue();
			assertThat(error.retryAfter()).hasValueSatisfying(
					(delay) -> assertThat(delay).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60)));
		});
		assertThat(single).as("answered without retries").filteredOn(ClassifyResponse.class::isInstance).isNotEmpty();

		double rejectedBefore = rejections("queue_full");
		List<Object> retried = burst(24, 1, () -> patient.classify(request));
		assertThat(retried).as("answered with retries")
			.allSatisfy((outcome) -> assertThat(outcome).isInstanceOfSatisfying(ClassifyResponse.class,
					(answer) -> assertThat(answer.results()).hasSize(16)));
		assertThat(rejections("queue_full") - rejectedBefore).as("429s the retrying clients absorbed").isPositive();
	}

	/**
	 * Runs a call on {@code clients} threads at once, {@code rounds} times on each.
	 * @return every outcome: an answer, or a {@link TangoApiException}
	 */
	private static List<Object> burst(int clients, int rounds, Callable<Object> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			List<Future<List<Object>>> runs = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				runs.add(pool.submit(() -> {
					List<Object> outcomes = new ArrayList<>();
					for (int r = 0; r < rounds; r++) {
						try {
							outcomes.add(call.call());
						}
						catch (TangoApiException ex) {
							outcomes.add(ex);
						}
					}
					return outcomes;
				}));
			}
			List<Object> outcomes = new ArrayList<>();
			for (Future<List<Object>> run : runs) {
				outcomes.addAll(run.get());
			}
			return outcomes;
		}
		finally {
			pool.shutdownNow();
		}
	}

}
