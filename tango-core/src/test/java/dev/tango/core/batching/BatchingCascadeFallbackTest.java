package dev.tango.core.batching;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.testing.ForwardingTier;
import dev.tango.core.tier.Tier;
import dev.tango.core.tier.TierUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class BatchingCascadeFallbackTest extends CascadeFixture {

	@Test
	void inputsOfAnUnavailableTierThatFallsBackGetThePreviousTiersPredictionMarkedSo() throws Exception {
		this.second.failOn("hard", new TierUnavailableException("remote down", Duration.ofSeconds(3), true, null));
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY));

		BatchingResult result = await(
				cascade.submit(inputs("0:pos:easy", "1:neg:hard"), RequestOptions.defaults().withProbabilities(true)));

		Prediction easy = result.predictions().get(0);
		Prediction hard = result.predictions().get(1);
		assertThat(easy.tier()).isZero();
		assertThat(easy.fallback()).isFalse();
		assertThat(hard.tier()).isZero();
		assertThat(hard.fallback()).isTrue();
		assertThat(hard.confidence()).isLessThan(0.9);
		assertThat(hard.label()).isEqualTo(this.first.labels().get(hard.labelIndex()));
		assertThat(hard.probabilities()).hasSize(2);
	}

	@Test
	void inputsOfAnUnavailableTierThatDoesNotFallBackFailTheirRequest() throws Exception {
		TierUnavailableException down = new TierUnavailableException("remote down", Duration.ofSeconds(3), null);
		this.second.failOn("hard", down);
		BatchingCascade cascade = start(firstThenSecond(8, 8).batching(NO_DELAY));

		CompletableFuture<BatchingResult> result = cascade.submit(inputs("0:pos:easy", "1:neg:hard"));

		assertThat(failure(result)).isSameAs(down);
		assertThat(await(cascade.submit(inputs("0:pos:easy"))).predictions()).extracting(Prediction::fallback)
			.containsExactly(false);
	}

	@Test
	void inputsWhoseDeadlinePassesInTheQueueOfATierThatFallsBackGetThePreviousTiersPrediction() throws Exception {
		Tier fallingBack = new FallingBack(this.second);
		BatchingCascade cascade = start(BatchingCascade
			.builder(List.of(stage(this.first, 8, 0.9),
					new Stage(fallingBack, 8, ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.9)))
			.batching(NO_DELAY.withWorkers(1)));
		this.second.block();
		CompletableFuture<BatchingResult> blocker = cascade.submit(inputs("1:neg:blocker"));
		this.second.awaitCalls(1);
		CompletableFuture<BatchingResult> late = cascade.submit(inputs("1:pos:late"),
				RequestOptions.defaults().withTimeout(Duration.ofMillis(300)));
		Thread.sleep(600);

		this.second.release();

		assertThat(await(blocker).predictions()).extracting(Prediction::tier, Prediction::fallback)
			.containsExactly(tuple(1, false));
		assertThat(await(late).predictions()).extracting(Prediction::tier, Prediction::label, Prediction::fallback)
			.containsExactly(tuple(0, "pos", true));
		assertThat(this.second.texts()).containsExactly("1:neg:blocker");
	}

	/** A tier that falls back to the previous tier, as a remote tier configured so. */
	private record FallingBack(Tier delegate) implements ForwardingTier {

		@Override
		public boolean fallsBack() {
			return true;
		}

	}

}
