package dev.tango.core.drift;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BernoulliCusumTest {

	private static final double P0 = 0.3;

	@Test
	void underTheReferenceRateFalseAlarmsStayWithinTheStatedProbability() {
		// One test, W = 2,000 observations, α = 10%: h = ln(W/α) = ln(20,000) ≈ 9.9.
		DriftSettings settings = new DriftSettings(0.1, 2000, 2);
		double h = settings.threshold(1);
		assertThat(h).isCloseTo(Math.log(20_000), within(1e-12));
		SplittableRandom random = new SplittableRandom(13);
		int runs = 2000;
		int alarmed = 0;
		for (int run = 0; run < runs; run++) {
			BernoulliCusum cusum = new BernoulliCusum(P0, settings.raised(P0), h);
			boolean alarm = false;
			for (int t = 0; t < settings.window() && !alarm; t++) {
				alarm = cusum.observe(random.nextDouble() < P0);
			}
			alarmed += alarm ? 1 : 0;
		}
		// The bound W·e^(-h) = α is loose: the observed rate lies well below it.
		assertThat(alarmed / (double) runs).isLessThanOrEqualTo(settings.falseAlarmProbability());
	}

	@Test
	void detectsADoublingOfTheOddsWithinAFewTimesItsExpectedDelay() {
		DriftSettings settings = new DriftSettings(0.1, 2000, 2);
		double h = settings.threshold(1);
		double p1 = settings.raised(P0);
		assertThat(p1 / (1 - p1)).isCloseTo(2 * P0 / (1 - P0), within(1e-12));
		// Expected delay ≈ h / KL(p1 || p0) ≈ 9.9 / 0.0575 ≈ 172 observations.
		double kl = p1 * Math.log(p1 / P0) + (1 - p1) * Math.log((1 - p1) / (1 - P0));
		double expected = h / kl;
		SplittableRandom random = new SplittableRandom(7);
		int runs = 500;
		long total = 0;
		for (int run = 0; run < runs; run++) {
			BernoulliCusum cusum = new BernoulliCusum(P0, p1, h);
			int t = 0;
			while (!cusum.observe(random.nextDouble() < p1)) {
				t++;
				assertThat(t).as("detection delay").isLessThan(2000);
			}
			total += t + 1;
		}
		double mean = total / (double) runs;
		assertThat(mean).isBetween(0.5 * expected, 1.5 * expected);
	}

	@Test
	void theStatisticIsCappedSoThatAnAlarmClearsOnceTheStreamLooksLikeTheReferenceAgain() {
		BernoulliCusum cusum = new BernoulliCusum(0.1, 0.5, 5);
		for (int t = 0; t < 1000; t++) {
			cusum.observe(true);
		}
		assertThat(cusum.alarm()).isTrue();
		assertThat(cusum.statistic()).isEqualTo(10.0);
		int t = 0;
		while (cusum.observe(false)) {
			t++;
		}
		// Each "no" lowers it by ln(0.9 / 0.5) ≈ 0.588: from 10 to below 5 in 9 steps.
		assertThat(t).isEqualTo(8);
		assertThat(cusum.alarm()).isFalse();
	}

	@Test
	void refusesRatesOutsideTheOpenUnitIntervalAndEqualRates() {
		assertThatThrownBy(() -> new BernoulliCusum(0, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BernoulliCusum(0.5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BernoulliCusum(0.5, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new BernoulliCusum(0.2, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DriftSettings(0, 10, 2)).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new DriftSettings(0.1, 10, 1)).isInstanceOf(IllegalArgumentException.class);
	}

}
