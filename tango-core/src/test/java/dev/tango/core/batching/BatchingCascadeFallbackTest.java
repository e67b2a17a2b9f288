package dev.tango.core.batching;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.tango.core.cascade.Prediction;
import dev.tango.core.tier.TierUnavailableException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
