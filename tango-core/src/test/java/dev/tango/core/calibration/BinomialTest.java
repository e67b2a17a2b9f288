package dev.tango.core.calibration;

import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

class BinomialTest {

	@Test
	void tailsMatchWorkedValues() {
		assertThat(Binomial.cdf(1, 3, 0.5)).isCloseTo(0.5, within(1e-15));
		assertThat(Binomial.cdf(0, 5, 0.1)).isCloseTo(0.59049, within(1e-12));
		// reference values from the regularised incomplete beta function
		assertThat(Binomial.cdf(2, 10, 0.3)).isCloseTo(0.3827827864, within(1e-10));
		assertThat(Binomial.cdf(40, 1000, 0.05)).isCloseTo(0.0806365733, within(1e-9));
		assertThat(Binomial.cdf(10, 100_000, 0.0002)).isCloseTo(0.0108059032, within(1e-9));
	}

	@Test
	void tailsAtTheEdges() {
		assertThat(Binomial.cdf(-1, 10, 0.5)).isZero();
		assertThat(Binomial.cdf(10, 10, 0.5)).isEqualTo(1);
		assertThat(Binomial.cdf(0, 10, 0)).isEqualTo(1);
		assertThat(Binomial.cdf(9, 10, 1)).isZero();
		assertThat(Binomial.cdf(0, 0, 0.3)).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> Binomial.cdf(1, 10, 1.5));
		assertThatIllegalArgumentException().isThrownBy(() -> Binomial.cdf(1, -1, 0.5));
	}

	@Test
	void clopperPearsonBoundsMatchWorkedValues() {
		// with no events the upper bound solves (1 - p)^n = 1 - level
		assertThat(Binomial.upperBound(0, 10, 0.95)).isCloseTo(1 - Math.pow(0.05, 0.1), within(1e-10));
		assertThat(Binomial.upperBound(0, 10, 0.8)).isCloseTo(0.1486600775, within(1e-9));
		// beta quantiles: Beta(2, 9) at 0.95 and Beta(3, 8) at 0.05
		assertThat(Binomial.upperBound(1, 10, 0.95)).isCloseTo(0.3941633024, within(1e-9));
		assertThat(Binomial.lowerBound(3, 10, 0.95)).isCloseTo(0.0872644339, within(1e-9));
		assertThat(Binomial.upperBound(10, 10, 0.95)).isEqualTo(1);
		assertThat(Binomial.lowerBound(0, 10, 0.95)).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> Binomial.upperBound(11, 10, 0.95));
		assertThatIllegalArgumentException().isThrownBy(() -> Binomial.upperBound(1, 10, 1));
	}

	@Test
	void wilsonIntervalsMatchWorkedValues() {
		// centre (p + z²/2n) / (1 + z²/n), half-width z / (1 + z²/n) · sqrt(p(1 - p)/n +
		// z²/4n²)
		Binomial.Interval eightOfTen = Binomial.wilson(8, 10, 0.95);
		assertThat(eightOfTen.lower()).isCloseTo(0.4901625, within(1e-6));
		assertThat(eightOfTen.upper()).isCloseTo(0.9433178, within(1e-6));
		Binomial.Interval none = Binomial.wilson(0, 10, 0.95);
		assertThat(none.lower()).isZero();
		assertThat(none.upper()).isCloseTo(0.2775328, within(1e-6));
		Binomial.Interval all = Binomial.wilson(10, 10, 0.95);
		assertThat(all.upper()).isEqualTo(1);
		assertThat(all.lower()).isCloseTo(1 - 0.2775328, within(1e-6));
		// narrower with more trials, and narrower than the exact interval
		Binomial.Interval many = Binomial.wilson(800, 1000, 0.95);
		assertThat(many.upper() - many.lower()).isLessThan(eightOfTen.upper() - eightOfTen.lower());
		assertThat(eightOfTen.lower()).isGreaterThan(Binomial.lowerBound(8, 10, 0.975));
		assertThatIllegalArgumentException().isThrownBy(() -> Binomial.wilson(1, 0, 0.95));
		assertThatIllegalArgumentException().isThrownBy(() -> Binomial.wilson(1, 10, 1));
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void theBoundTestAgreesWithTheBound(long seed) {
		RandomGenerator random = Seeds.random(seed);
		int n = random.nextInt(1, 3000);
		int k = random.nextInt(0, n + 1);
		double level = random.nextDouble(0.5, 0.999);
		double bound = Binomial.upperBound(k, n, level);
		assertThat(bound).isBetween((double) k / n, 1.0);
		assertThat(Binomial.upperBoundAtMost(k, n, level, Math.min(1, bound + 1e-9))).isTrue();
		if (bound > 1e-6) {
			assertThat(Binomial.upperBoundAtMost(k, n, level, bound - 1e-6)).isFalse();
		}
		// a direct sum of the terms agrees with the tail in log space
		double p = random.nextDouble();
		int small = random.nextInt(1, 60);
		int events = random.nextInt(0, small + 1);
		double sum = 0;
		for (int i = 0; i <= events; i++) {
			sum += choose(small, i) * Math.pow(p, i) * Math.pow(1 - p, small - i);
		}
		assertThat(Binomial.cdf(events, small, p)).isCloseTo(sum, within(1e-10));
	}

	private static double choose(int n, int k) {
		double value = 1;
		for (int i = 1; i <= k; i++) {
			value = value * (n - k + i) / i;
		}
		return value;
	}

	static LongStream seeds() {
		return Seeds.seeds(200);
	}

}
