package dev.tango.core.confidence;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tango.core.tier.Activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

class ConfidenceMeasuresTest {

	@Test
	void findsTheBuiltInsByTheirNamesInEitherSpelling() {
		assertThat(ConfidenceMeasures.of("MAX_PROBABILITY")).isSameAs(ConfidenceMeasure.MAX_PROBABILITY);
		assertThat(ConfidenceMeasures.of("max-probability")).isSameAs(ConfidenceMeasure.MAX_PROBABILITY);
		assertThat(ConfidenceMeasures.of(" Margin ")).isSameAs(ConfidenceMeasure.MARGIN);
		assertThat(ConfidenceMeasures.of("entropy")).isSameAs(ConfidenceMeasure.ENTROPY);
		for (ConfidenceMeasure measure : ConfidenceMeasures.all()) {
			assertThat(ConfidenceMeasures.of(measure.name())).isSameAs(measure);
			assertThat(ConfidenceMeasures.of(ConfidenceMeasures.id(measure))).isSameAs(measure);
		}
		assertThat(ConfidenceMeasures.id(ConfidenceMeasure.MAX_PROBABILITY)).isEqualTo("max-probability");
		assertThat(ConfidenceMeasure.ENTROPY).hasToString("ENTROPY");
	}

	@Test
	void findsAMeasureRegisteredThroughServiceLoaderAfterTheBuiltIns() {
		assertThat(ConfidenceMeasures.all()).extracting(ConfidenceMeasure::name)
			.containsExactly("MAX_PROBABILITY", "MARGIN", "ENTROPY", "SQUARED_MAX_PROBABILITY");
		ConfidenceMeasure squared = ConfidenceMeasures.of("squared-max-probability");
		assertThat(squared).isInstanceOf(SquaredMaxProbability.class);
		assertThat(new ConfidenceFunction(Activation.SOFTMAX, squared, 1)
			.confidence(new float[] { 0, (float) Math.log(3) })).isCloseTo(0.75 * 0.75, within(1e-6));
	}

	@Test
	void refusesAnUnknownNameListingTheKnownOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> ConfidenceMeasures.of("vibes"))
			.withMessage("Unknown confidence measure 'vibes': known measures are max-probability, margin, entropy, "
					+ "squared-max-probability");
	}

	@Test
	void refusesBadAndDuplicateNames() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ConfidenceMeasures.index(List.of(ConfidenceMeasure.MARGIN, named("MARGIN"))))
			.withMessageContaining("Two confidence measures are named MARGIN");
		for (String bad : List.of("lower", "1ST", "WITH-HYPHEN", "")) {
			assertThatIllegalStateException().isThrownBy(() -> ConfidenceMeasures.index(List.of(named(bad))))
				.withMessageContaining("is named '" + bad + "'");
		}
	}

	private static ConfidenceMeasure named(String name) {
		return new ConfidenceMeasure() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public double of(double[] probabilities) {
				return 0;
			}

		};
	}

}
