package dev.tango.core.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.cascade.TierStats;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.TextInput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.list;

class BatchingCascadeTest extends CascadeFixture {

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void eachInputIsAnsweredByTheFirstConfidentTierOrTheLast(int tierCount) throws Exception {
		List<Stage> stages = new ArrayList<>();
		for (int i = 0; i < tierCount; i++) {
			stages.add(stage(tier(FakeTier.skilled("tier" + i, i)), 8, 0.9));
		}
		BatchingCascade cascade = start(BatchingCascade.builder(stages).batching(NO_DELAY));

		BatchingResult result = await(cascade.submit(inputs("0:pos:a", "1:neg:b", "2:pos:c", "3:neg:long d")));

		int last = tierCount - 1;
		assertThat(result.predictions()).extracting(Prediction::tier)
			.containsExactly(0, Math.min(1, last), Math.min(2, last), last);
		assertThat(result.predictions()).extracting(Prediction::label).containsExactly("pos", "neg", "pos", "neg");
		assertThat(result.predictions()).extracting(Prediction::truncated).containsExactly(false, false, false, true);
		assertThat(result.predictions().get(0).confidence()).isGreaterThan(0.99);
		assertThat(result.predictions().get(3).confidence()).isCloseTo(0.55, within(0.01));
		assertThat(result.predictions()).allSatisfy((prediction) -> assertThat(prediction.probabilities()).isNull());
		assertThat(result.stages()).hasSize(tierCount);
		for (int i = 0; i < tierCount; i++) {
			StageStats stats = result.stages().get(i);
			int reached = 4 - i;
			assertThat(stats.tier()).isEqualTo("tier" + i);
			assertThat(stats.inputs()).isEqualTo(reached);
			assertThat(stats.answered()).isEqualTo((i == last) ? reached : 1);
			assertThat(stats.batches()).isEqualTo(1);
			assertThat(stats.computeNanos()).isPositive();
		}
		assertThat(result.nanos()).isPositive();
	}

	@Test
	void predictionsFollowInputOrderWhateverTheLengthsAndTiers() throws Exception {
		BatchingCascade cascade = start(firstThenSecond(3, 2).batching(NO_DELAY.withLengthWindow(4)));
		List<TextInput> inputs = IntStream.range(0, 20)
			.mapToObj(
					(i) -> TextInput.of((i % 2) + ":" + ((i % 3 == 0) ? "pos" : "neg") + ":" + "x".repeat(40 - 2 * i)))
			.toList();

		BatchingResult result = await(cascade.submit(inputs));

		for (int i = 0; i < inputs.size(); i++) {
			Prediction prediction = result.predictions().get(i);
			assertThat(prediction.tier()).as("tier of %d", i).isEqualTo(i % 2);
			assertThat(prediction.label()).as("label of %d", i).isEqualTo((i % 3 == 0) ? "pos" : "neg");
		}
		assertThat(this.first.batches()).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
		assertThat(this.second.batches()).allSatisfy((batch) -> assertThat(batch).hasSizeLessThanOrEqualTo(2));
	}

	@Test
	void aWorkerSortsAWindowOfQueuedInputsByLengthIntoBatches() throws Exception {
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(stage(tier, 4, 0.9))).batching(NO_DELAY.withLengthWindow(2)));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, tier, "0:pos:blocker");
		CompletableFuture<BatchingResult> mixed = cascade.submit(inputs("0:pos:aaaaaaaaaaa", "0:pos:b",
				"0:pos:ccccccccccc", "0:pos:d", "0:pos:eeeeeeeeeee", "0:pos:f", "0:pos:ggggggggggg", "0:pos:h"));
		tier.release();
		await(blocker);
		await(mixed);

		assertThat(tier.batches()).containsExactly(inputs("0:pos:blocker"),
				inputs("0:pos:b", "0:pos:d", "0:pos:f", "0:pos:h"),
				inputs("0:pos:aaaaaaaaaaa", "0:pos:ccccccccccc", "0:pos:eeeeeeeeeee", "0:pos:ggggggggggg"));
	}

	@Test
	void inputsEscalatedFromDifferentRequestsShareATierCall() throws Exception {
		BatchingCascade cascade = start(firstThenSecond(16, 16).batching(NO_DELAY.withLengthWindow(1)));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, this.first, "0:pos:blocker");
		List<CompletableFuture<BatchingResult>> requests = List.of(cascade.submit(inputs("1:pos:A1", "1:neg:A2")),
				cascade.submit(inputs("1:pos:B1", "0:neg:B2")), cascade.submit(inputs("1:neg:C1", "1:pos:C2")));
		this.first.release();
		await(blocker);

		for (CompletableFuture<BatchingResult> request : requests) {
			BatchingResult result = await(request);
			assertThat(result.stages().get(1).batches()).isEqualTo(1);
		}
		assertThat(this.first.batches()).hasSize(2);
		assertThat(this.second.batches()).singleElement()
			.asInstanceOf(list(TextInput.class))
			.containsExactlyInAnyOrderElementsOf(inputs("1:pos:A1", "1:neg:A2", "1:pos:B1", "1:neg:C1", "1:pos:C2"));
		assertThat(await(requests.get(1)).predictions()).extracting(Prediction::tier).containsExactly(1, 0);
	}

	@Test
	void aWorkerWaitsUpToTheMaxDelayForABatchToFill() throws Exception {
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = start(BatchingCascade.builder(List.of(stage(tier, 4, 0.9)))
			.batching(BatchingSettings.DEFAULT.withMaxDelay(Duration.ofSeconds(20))));
		List<CompletableFuture<BatchingResult>> requests = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			requests.add(cascade.submit(inputs("0:pos:" + i)));
		}
		for (CompletableFuture<BatchingResult> request : requests) {
			await(request);
		}
		assertThat(tier.batches()).singleElement().asInstanceOf(list(TextInput.class)).hasSize(4);
	}

	@Test
	void probabilitiesAreReturnedOnlyWhenAsked() throws Exception {
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY));

		BatchingResult with = await(
				cascade.submit(inputs("0:pos:a", "1:neg:b"), RequestOptions.defaults().withProbabilities(true)));
		BatchingResult without = await(cascade.submit(inputs("0:pos:a", "1:neg:b")));

		ConfidenceFunction confidence = new ConfidenceFunction(Activation.SOFTMAX, ConfidenceMeasure.MAX_PROBABILITY,
				1);
		assertThat(with.predictions().get(0).probabilities())
			.containsExactly(confidence.probabilities(this.first.logits(TextInput.of("0:pos:a"))), within(1e-7f));
		assertThat(with.predictions().get(1).probabilities())
			.containsExactly(confidence.probabilities(this.second.logits(TextInput.of("1:neg:b"))), within(1e-7f));
		assertThat(without.predictions()).allSatisfy((prediction) -> assertThat(prediction.probabilities()).isNull());
	}

	@Test
	void anEmptyRequestCompletesAtOnce() throws Exception {
		FakeTier tier = tier(FakeTier.skilled("tier", 0));
		BatchingCascade cascade = BatchingCascade.builder(List.of(stage(tier, 8, 0.9))).build();

		CompletableFuture<BatchingResult> future = cascade.submit(List.of());

		assertThat(future).isCompleted();
		assertThat(future.get().predictions()).isEmpty();
		assertThat(future.get().stages()).containsExactly(new StageStats("tier", 0, 0, 0, 0, 0));
		assertThat(tier.batches()).isEmpty();
	}

	@Test
	void onlyStageWorkersCallTheTiers() throws Exception {
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY));

		await(cascade.submit(inputs("0:pos:a", "1:neg:b")));

		assertThat(this.first.threads()).singleElement().asString().startsWith("tango-stage-0-");
		assertThat(this.second.threads()).singleElement().asString().startsWith("tango-stage-1-");
	}

	@Test
	void reportsBatchesAnswersAndQueueDepths() throws Exception {
		RecordingListener listener = new RecordingListener();
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY).listener(listener));
		CompletableFuture<BatchingResult> blocker = blockTier(cascade, this.first, "0:pos:blocker");
		CompletableFuture<BatchingResult> request = cascade.submit(inputs("0:pos:a", "1:neg:b", "1:pos:c"));
		assertThat(cascade.queueDepth(0)).isEqualTo(3);
		assertThat(cascade.queueDepth(1)).isZero();
		this.first.release();
		await(blocker);
		await(request);

		assertThat(listener.executed).extracting(BatchExecution::stage, BatchExecution::tier, BatchExecution::size)
			.containsExactly(tuple(0, "first", 1), tuple(0, "first", 3), tuple(1, "second", 2));
		assertThat(listener.executed).allSatisfy((batch) -> {
			assertThat(batch.computeNanos()).isPositive();
			assertThat(batch.maxQueueNanos()).isGreaterThanOrEqualTo(batch.meanQueueNanos()).isNotNegative();
		});
		assertThat(listener.answeredAt(0)).isEqualTo(2);
		assertThat(listener.answeredAt(1)).isEqualTo(2);
		assertThat(cascade.queueDepth(0)).isZero();
	}

	@Test
	void convertsToACascadeResult() throws Exception {
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY));
		BatchingResult result = await(cascade.submit(inputs("0:pos:a", "1:neg:b", "1:pos:c")));

		CascadeResult converted = result.toCascadeResult();

		assertThat(converted.predictions()).isEqualTo(result.predictions());
		assertThat(converted.nanos()).isEqualTo(result.nanos());
		assertThat(converted.tiers()).containsExactly(
				new TierStats("first", 3, 1, 1, result.stages().get(0).computeNanos()),
				new TierStats("second", 2, 2, 1, result.stages().get(1).computeNanos()));
	}

}
