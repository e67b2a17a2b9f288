package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TextInput;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingCascadePropertyTest {

	@Property(tries = 25)
	void answersDoNotDependOnHowInputsAreBatched(@ForAll @IntRange(min = 1, max = 5) int batchSize,
			@ForAll @IntRange(min = 1, max = 3) int lengthWindow, @ForAll @IntRange(min = 1, max = 2) int workers,
			@ForAll @IntRange(min = 0, max = 1000) int maxDelayMicros, @ForAll("requests") List<List<String>> requests)
			throws Exception {
		List<Stage> stages = List.of(CascadeFixture.stage(FakeTier.hashed("first"), batchSize, 0.8),
				CascadeFixture.stage(FakeTier.hashed("second"), batchSize + 1, 0.7),
				CascadeFixture.stage(FakeTier.hashed("third"), 2, 0.5));
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
			ScoreReader.Reading reading = ScoreReader.read(((FakeTier) stage.tier()).logitsOf(input),
					stage.tier().activation(), stage.measure(), stage.temperature());
			if (i == stages.size() - 1 || reading.confidence() >= stage.threshold()) {
				assertThat(prediction.tier()).isEqualTo(i);
				assertThat(prediction.labelIndex()).isEqualTo(reading.labelIndex());
				assertThat(prediction.confidence()).isEqualTo(reading.confidence());
				assertThat(prediction.probabilities()).containsExactly(reading.probabilities());
				return;
			}
		}
	}

	@Provide
	Arbitrary<List<List<String>>> requests() {
		Arbitrary<String> texts = Arbitraries.strings().alpha().ofMinLength(0).ofMaxLength(30);
		return texts.list().ofMinSize(1).ofMaxSize(6).list().ofMinSize(1).ofMaxSize(30);
	}

}
