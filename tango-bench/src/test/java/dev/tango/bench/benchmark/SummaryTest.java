package dev.tango.bench.benchmark;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SummaryTest {

	private static Measurement m(int repeat, int batch, Variant variant, long nanos, double accuracy,
			List<Double> reach) {
		return new Measurement(repeat, 1, batch, variant, nanos, 100, accuracy, reach, List.of());
	}

	@Test
	void ratiosAreTakenWithinEachRepeatAndTheirMedianReported() {
		List<Measurement> ms = new ArrayList<>();
		// Three repeats; the machine is slower in repeat 1 (everything x2), which ratios
		// cancel out.
		double[] load = { 1, 2, 1.2 };
		for (int r = 0; r < 3; r++) {
			double f = load[r];
			ms.add(m(r, 32, Variant.PLAIN_IN_ORDER, (long) (f * 1_200_000), 0.9, List.of()));
			ms.add(m(r, 32, Variant.PLAIN_SORTED, (long) (f * 1_000_000), 0.9, List.of()));
			ms.add(m(r, 32, Variant.TANGO_LAST, (long) (f * 1_050_000), 0.9, List.of()));
			ms.add(m(r, 32, Variant.tier(0), (long) (f * 200_000), 0.8, List.of()));
			ms.add(m(r, 32, Variant.CASCADE, (long) (f * 600_000), 0.895, List.of(0.4)));
		}
		Summary s = Summary.of(ms, 2).get(0);
		assertThat(s.batchSize()).isEqualTo(32);
		assertThat(s.millisPerInput().get(Variant.PLAIN_SORTED)).isCloseTo(0.012, within(1e-9));
		assertThat(s.overheadSorted()).isCloseTo(0.05, within(1e-9));
		assertThat(s.overheadInOrder()).isCloseTo(1.05 / 1.2 - 1, within(1e-9));
		assertThat(s.speedup()).isCloseTo(1.75, within(1e-9));
		// ideal: c_last / (c1 + 0.4 c_last) = 1.05 / (0.2 + 0.42)
		assertThat(s.idealSpeedup()).isCloseTo(1.05 / 0.62, within(1e-9));
		assertThat(s.efficiency()).isCloseTo(1.75 / (1.05 / 0.62), within(1e-9));
		assertThat(s.reach()).containsExactly(0.4);
		assertThat(s.accuracy()).containsEntry(Variant.CASCADE, 0.895);
	}

	@Test
	void theBoundByTokensWeighsEachTierByItsShareOfTheTokens() {
		List<Measurement> ms = new ArrayList<>();
		// 40 of 100 inputs reach tier 2, but they hold half of the tokens
		Measurement.TierWork first = new Measurement.TierWork(100, 1000, 1.0, 1100, 20_000_000);
		Measurement.TierWork second = new Measurement.TierWork(40, 500, 0.5, 600, 42_000_000);
		ms.add(new Measurement(0, 1, 32, Variant.TANGO_LAST, 105_000_000, 100, 0.9, List.of(),
				List.of(new Measurement.TierWork(100, 1000, 1.0, 1050, 105_000_000))));
		ms.add(new Measurement(0, 1, 32, Variant.tier(0), 20_000_000, 100, 0.8, List.of(),
				List.of(new Measurement.TierWork(100, 1000, 1.0, 1100, 20_000_000))));
		ms.add(new Measurement(0, 1, 32, Variant.CASCADE, 70_000_000, 100, 0.89, List.of(0.4), List.of(first, second)));
		Summary s = Summary.of(ms, 2).get(0);
		assertThat(s.idealSpeedup()).isCloseTo(1.05 / (0.2 + 0.4 * 1.05), within(1e-9));
		assertThat(s.idealByTokens()).isCloseTo(1.05 / (0.2 + 0.5 * 1.05), within(1e-9));
		assertThat(s.efficiencyByTokens()).isCloseTo(1.5 / (1.05 / 0.725), within(1e-9));
		assertThat(s.tokenReach()).containsExactly(0.5);
		// tier 2 took 1.05 ms per input that reached it, as much as alone; padded 1.2x
		assertThat(s.tiers().get(1).millisInCascade()).isCloseTo(1.05, within(1e-9));
		assertThat(s.tiers().get(1).millisAlone()).isCloseTo(1.05, within(1e-9));
		assertThat(s.tiers().get(1).paddingInCascade()).isCloseTo(1.2, within(1e-9));
		assertThat(s.tiers().get(1).paddingAlone()).isCloseTo(1.05, within(1e-9));
	}

	@Test
	void missingRunsGiveNoRatioAndConfigurationsStayApart() {
		List<Measurement> ms = List.of(m(0, 1, Variant.TANGO_LAST, 10, 1, List.of()),
				m(0, 1, Variant.CASCADE, 5, 1, List.of(0.1, 0.05)), m(0, 8, Variant.TANGO_LAST, 10, 1, List.of()));
		List<Summary> summaries = Summary.of(ms, 3);
		assertThat(summaries).extracting(Summary::batchSize).containsExactly(1, 8);
		assertThat(summaries.get(0).speedup()).isEqualTo(2.0);
		assertThat(summaries.get(0).overheadSorted()).isNaN();
		assertThat(summaries.get(0).idealSpeedup()).isNaN();
		assertThat(summaries.get(1).speedup()).isNaN();
	}

}
