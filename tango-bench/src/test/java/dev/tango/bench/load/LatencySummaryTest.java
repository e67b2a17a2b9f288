package dev.tango.bench.load;

import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LatencySummaryTest {

	@Test
	void nearestRankPercentilesOfOneToHundred() {
		long[] sorted = LongStream.rangeClosed(1, 100).toArray();
		assertThat(LatencySummary.percentile(sorted, 50)).isEqualTo(50);
		assertThat(LatencySummary.percentile(sorted, 99)).isEqualTo(99);
		assertThat(LatencySummary.percentile(sorted, 100)).isEqualTo(100);
		assertThat(LatencySummary.percentile(new long[] { 7 }, 99)).isEqualTo(7);
		assertThat(LatencySummary.percentile(new long[0], 50)).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> LatencySummary.percentile(sorted, 0));
	}

	@Test
	void summarySortsACopyAndAgreesWithCountingOnShuffledSamples() {
		Random random = new Random(20261124L);
		for (int round = 0; round < 20; round++) {
			long[] samples = random.longs(1 + random.nextInt(500), 1, 1_000_000).toArray();
			long[] before = samples.clone();
			LatencySummary summary = LatencySummary.of(samples, 3, 2_000_000_000L, 4_000_000L * samples.length,
					1_000_000L * samples.length);
			assertThat(samples).containsExactly(before);
			assertThat(summary.requests()).isEqualTo(samples.length);
			assertThat(summary.errors()).isEqualTo(3);
			assertThat(summary.perSecond()).isCloseTo(samples.length / 2.0, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(summary.cpuNanosPerRequest()).isCloseTo(4_000_000.0, org.assertj.core.data.Offset.offset(1e-6));
			assertThat(summary.clientCpuNanosPerRequest()).isCloseTo(1_000_000.0,
					org.assertj.core.data.Offset.offset(1e-6));
			for (long p : new long[] { summary.p50Nanos(), summary.p99Nanos() }) {
				assertThat(samples).contains(p);
			}
			long atMostP50 = LongStream.of(samples).filter((v) -> v <= summary.p50Nanos()).count();
			long belowP50 = LongStream.of(samples).filter((v) -> v < summary.p50Nanos()).count();
			assertThat(atMostP50).isGreaterThanOrEqualTo((long) Math.ceil(0.5 * samples.length));
			assertThat(belowP50).isLessThan((long) Math.ceil(0.5 * samples.length));
			long atMostP99 = LongStream.of(samples).filter((v) -> v <= summary.p99Nanos()).count();
			assertThat(atMostP99).isGreaterThanOrEqualTo((long) Math.ceil(0.99 * samples.length));
			assertThat(summary.p99Nanos()).isGreaterThanOrEqualTo(summary.p50Nanos());
		}
	}

}
