package dev.tango.runtime.cascade;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tango.core.cascade.StageSettings;
import dev.tango.runtime.onnx.OrtOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TierSpecTest {

	@Test
	void anIntegerOptionIsReadTrimmedAndAbsentIsNull() {
		TierSpec spec = spec(Map.of("retries", " 3 "));

		assertThat(spec.intOption("retries", 0)).isEqualTo(3);
		assertThat(spec.intOption("timeoutMillis", 1)).isNull();
	}

	@Test
	void anIntegerOptionBelowItsLeastOrNotAnIntegerIsRefusedNamingIt() {
		assertThatExceptionOfType(InvalidTierSpecException.class)
			.isThrownBy(() -> spec(Map.of("maxTokens", "3")).intOption("maxTokens", 4))
			.satisfies((ex) -> assertThat(ex.setting()).isEqualTo("maxTokens"))
			.withMessage("maxTokens: must be an integer of at least 4, was '3'");
		assertThatExceptionOfType(InvalidTierSpecException.class)
			.isThrownBy(() -> spec(Map.of("maxTokens", "many")).intOption("maxTokens", 4))
			.withMessage("maxTokens: must be an integer of at least 4, was 'many'");
	}

	private static TierSpec spec(Map<String, String> options) {
		return new TierSpec("remote-oip", null, Map.of(), List.of(), options, OrtOptions.defaults(), null,
				StageSettings.answering(1), Duration.ZERO);
	}

}
