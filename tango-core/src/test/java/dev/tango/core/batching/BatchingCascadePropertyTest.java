package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import dev.tango.core.Seeds;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.TextInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that batching changes no answer: each seed draws batch sizes, a length window, a
 * number of workers, a maximum delay and 1 to 30 requests of 1 to 6 texts, submits them
 * all at once and compares every prediction with the cascade run by hand.
 */
class BatchingCascadePropertyTest {

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void answersDoNotDependOnHowInputsAreBatched(long seed) throws Exception {
		RandomGenerator random = Seeds.random(seed);
		int batchSize = random.nextInt(1, 6);
		int lengthWindow = random.nextInt(1, 4);
		int workers = random.nextInt(1, 3);
		int maxDelayMicros = random.nextInt(0, 1001);
		List<List<String>> requests = requests(random);
		List<Stage> stages = List.of(CascadeFixture.stage(FakeTier.hashed("first", FakeTier.LABELS), batchSize, 0.8),
				CascadeFixture.stage(FakeTier.hashed("second", FakeTier.LABELS), batchSize + 1, 0.7),
				CascadeFixture.stage(FakeTier.hashed("third", FakeTier.LABELS), 2, 0.5));
		BatchingSettings settings = new BatchingSettings(Duration.ofNanos(maxDelayMicros * 1000L), 10_000, workers,
				lengthWindow);
		BatchingCascade cascade = BatchingCascade.builder(stages).batching(settings).build();
		cascade.start();
		try {
			List<CompletableFuture<BatchingResult>> futures = new ArrayList<>();
			for (List<String> request : requests) {
				futures.add(cascade.submit(CascadeFixture.inputs(request.toArray(String[]::new)),
						RequestOptions.defaults().withProbabilities(true)));
			}
			for (int r = 0; r < requests.size(); r++) {
				BatchingResult result = futures.get(r).get(60, TimeUnit.SECONDS);
				assertThat(result.predictions()).hasSameSizeAs(requests.get(r));
				for (int i = 0; i < requests.get(r).size(); i++) {
					assertAnswer(result.predictions().get(i), stages, TextInput.of(requests.get(r).get(i)));
				}
				int[] reached = new int[stages.size()];
				for (Prediction prediction : result.predictions()) {
					for (int stage = 0; stage <= prediction.tier(); stage++) {
						reached[stage]++;
					}
				}
				for (int stage = 0; stage < stages.size(); stage++) {
					assertThat(result.stages().get(stage).inputs()).isEqualTo(reached[stage]);
				}
			}
		}
		finally {
			assertThat(cascade.shutdown(Duration.ofSeconds(30))).isTrue();
		}
	}

	/** Checks a prediction against the cascade run by hand on one input. */
	private static void assertAnswer(Prediction prediction, List<Stage> stages, TextInput input) {
		for (int i = 0; i < stages.size(); i++) {
			Stage stage = stages.get(i);
			ConfidenceFunction function = new ConfidenceFunction(stage.tier().activation(), stage.measure(),
					stage.temperature());
			float[] logits = ((FakeTier) stage.tier()).logits(input);
			double confidence = function.confidence(logits);
			if (i == stages.size() - 1 || confidence >= stage.threshold()) {
				assertThat(prediction.tier()).isEqualTo(i);
				assertThat(prediction.labelIndex()).isEqualTo(function.label(logits));
				assertThat(prediction.confidence()).isEqualTo(confidence);
				assertThat(prediction.probabilities()).containsExactly(function.probabilities(logits));
				return;
			}
		}
	}

	private static LongStream seeds() {
		return Seeds.seeds(25);
	}

	/** Returns 1 to 30 requests of 1 to 6 texts of up to 30 letters. */
	private static List<List<String>> requests(RandomGenerator random) {
		return IntStream.range(0, random.nextInt(1, 31))
			.mapToObj(
					(r) -> IntStream.range(0, random.nextInt(1, 7)).mapToObj((i) -> Seeds.letters(random, 30)).toList())
			.toList();
	}

}
