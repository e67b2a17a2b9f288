package dev.tango.core.batching;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tango.core.cascade.Stage;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingCascadeDeadlineTest extends CascadeFixture {

	@Test
	void aTierCallIsBoundedByTheLatestDeadlineOfItsBatch() throws Exception {
		FakeTier fake = tier(FakeTier.skilled("tier", 0));
		List<Duration> bounds = new CopyOnWriteArrayList<>();
		Tier bounded = new Tier() {

			@Override
			public String name() {
				return fake.name();
			}

			@Override
			public List<String> labels() {
				return fake.labels();
			}

			@Override
			public int preferredBatchSize() {
				return 4;
			}

			@Override
			public int maxInputTokens() {
				return fake.maxInputTokens();
			}

			@Override
			public List<Scores> classify(List<TextInput> inputs) {
				throw new AssertionError("the engine must say how long it waits");
			}

			@Override
			public List<Scores> classify(List<TextInput> inputs, Duration timeLeft) {
				bounds.add(timeLeft);
				return fake.classify(inputs);
			}

		};
		BatchingCascade cascade = start(
				BatchingCascade.builder(List.of(Stage.of(bounded, 0.5))).batching(NO_DELAY.withWorkers(1)));
		fake.block();
		CompletableFuture<BatchingResult> blocker = cascade.submit(inputs("0:pos:blocker"));
		fake.awaitCalls(1);
		CompletableFuture<BatchingResult> soon = cascade.submit(inputs("0:pos:a"),
				RequestOptions.defaults().withTimeout(Duration.ofSeconds(2)));
		CompletableFuture<BatchingResult> later = cascade.submit(inputs("0:neg:b"),
				RequestOptions.defaults().withTimeout(Duration.ofSeconds(30)));

		fake.release();

		assertThat(await(blocker).predictions()).hasSize(1);
		assertThat(await(soon).predictions()).hasSize(1);
		assertThat(await(later).predictions()).hasSize(1);
		assertThat(fake.batches()).hasSize(2);
		assertThat(bounds.get(1)).isGreaterThan(Duration.ofSeconds(25)).isLessThanOrEqualTo(Duration.ofSeconds(30));
	}

}
