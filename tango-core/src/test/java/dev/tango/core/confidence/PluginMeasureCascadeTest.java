package dev.tango.core.confidence;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.CascadeResult;
import dev.tango.core.cascade.Prediction;
import dev.tango.core.cascade.Stage;
import dev.tango.core.testing.FakeTier;
import dev.tango.core.tier.TextInput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * A cascade gated by a measure that only test sources add ({@link SquaredMaxProbability},
 * registered through {@code META-INF/services}), looked up by name like a descriptor's
 * {@code confidence} field: nothing in main code names it.
 */
class PluginMeasureCascadeTest {

	@Test
	void aPlugInMeasureGatesACascade() {
		List<TextInput> inputs = List.of(TextInput.of("0.9 0.6"), TextInput.of("0.95 0.7"), TextInput.of("0.1 0.8"));
		ConfidenceMeasure squared = ConfidenceMeasures.of("squared-max-probability");

		CascadeResult gated = cascade(squared).classify(inputs, false);
		CascadeResult byMaxProbability = cascade(ConfidenceMeasure.MAX_PROBABILITY).classify(inputs, false);

		// 0.9² = 0.81 and 0.9² (label b) fall below 0.85 and move on; 0.95² = 0.9025
		// stays.
		assertThat(gated.predictions()).extracting(Prediction::tier, Prediction::label)
			.containsExactly(tuple(1, "a"), tuple(0, "a"), tuple(1, "a"));
		assertThat(gated.predictions().get(1).confidence()).isCloseTo(0.9025, within(1e-6));
		assertThat(byMaxProbability.predictions()).extracting(Prediction::tier).containsOnly(0);
	}

	private static Cascade cascade(ConfidenceMeasure measure) {
		FakeTier small = FakeTier.reading("small", 0);
		return new Cascade(List.of(new Stage(small, 8, measure, 1.0, 0.85), Stage.of(FakeTier.reading("large", 1), 0)));
	}

}
