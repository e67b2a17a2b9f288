package dev.tango.runtime.onnx;

import dev.tango.core.tier.TierException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TierGuardTest {

	@Test
	void refusesCallsOnceClosedAndClosesOnlyOnce() {
		TierGuard guard = new TierGuard("minilm");
		assertThatNoException().isThrownBy(guard::checkOpen);
		assertThat(guard.close()).isTrue();
		assertThat(guard.close()).isFalse();
		assertThatThrownBy(guard::checkOpen).isInstanceOf(TierException.class).hasMessage("Tier minilm is closed");
	}

	@Test
	void reportsATokenizerFailureNamingTheTier() {
		TierGuard guard = new TierGuard("minilm");
		assertThat(guard.tokenise(() -> 7)).isEqualTo(7);
		IllegalStateException failure = new IllegalStateException("Tokenizer is closed");
		assertThatThrownBy(() -> guard.tokenise(() -> {
			throw failure;
		})).isInstanceOf(TierException.class)
			.hasMessage("Tier minilm failed to tokenise: Tokenizer is closed")
			.hasCause(failure);
	}

}
