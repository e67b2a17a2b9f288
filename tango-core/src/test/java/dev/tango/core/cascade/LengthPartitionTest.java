package dev.tango.core.cascade;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LengthBatching#partition}: hand-computed cases, and the least cost against every
 * possible cut of small random inputs.
 */
class LengthPartitionTest {

	@Test
	void similarLengthsShareOneBatch() {
		assertThat(LengthBatching.partition(new int[] { 5, 5, 6, 6 }, 4, 16)).containsExactly(0, 4);
	}

	@Test
	void aMuchLongerItemGetsItsOwnCall() {
		// together: 16 + 4 * 100 = 416; apart: (16 + 3 * 1) + (16 + 100) = 135
		assertThat(LengthBatching.partition(new int[] { 1, 1, 1, 100 }, 4, 16)).containsExactly(0, 3, 4);
	}

	@Test
	void freeCallsSeparateEveryLength() {
		assertThat(LengthBatching.partition(new int[] { 1, 2, 3 }, 8, 0)).containsExactly(0, 1, 2, 3);
	}

	@Test
	void noBatchExceedsTheBatchSize() {
		int[] cuts = LengthBatching.partition(new int[] { 1, 1, 1, 1, 1 }, 2, 16);
		assertThat(cuts).hasSize(4).startsWith(0).endsWith(5);
		for (int k = 0; k + 1 < cuts.length; k++) {
			assertThat(cuts[k + 1] - cuts[k]).isBetween(1, 2);
		}
	}

	@Test
	void noItemsNoBatches() {
		assertThat(LengthBatching.partition(new int[0], 4, 16)).containsExactly(0);
	}

	@Test
	void refusesUnsortedLengthsAndBadSettings() {
		assertThatIllegalArgumentException().isThrownBy(() -> LengthBatching.partition(new int[] { 2, 1 }, 4, 16))
			.withMessageContaining("increasing");
		assertThatIllegalArgumentException().isThrownBy(() -> LengthBatching.partition(new int[] { 1 }, 0, 16));
		assertThatIllegalArgumentException().isThrownBy(() -> LengthBatching.partition(new int[] { 1 }, 4, -1));
	}

	static LongStream seeds() {
		return Seeds.seeds(300);
	}

	@ParameterizedTest(name = "[{index}] seed {0}")
	@MethodSource("seeds")
	void costsNoMoreThanAnyOtherCut(long seed) {
		RandomGenerator random = Seeds.random(seed);
		int[] lengths = random.ints(random.nextInt(0, 11), 0, 64).sorted().toArray();
		int batchSize = random.nextInt(1, 6);
		long callCost = random.nextInt(0, 40);

		int[] cuts = LengthBatching.partition(lengths, batchSize, callCost);

		assertThat(cuts[0]).isZero();
		assertThat(cuts[cuts.length - 1]).isEqualTo(lengths.length);
		for (int k = 0; k + 1 < cuts.length; k++) {
			assertThat(cuts[k + 1] - cuts[k]).isBetween(1, batchSize);
		}
		assertThat(cost(lengths, cuts, callCost)).isEqualTo(leastCost(lengths, batchSize, callCost));
	}

	/** The least cost over every way of cutting the items, by enumeration. */
	private static long leastCost(int[] lengths, int batchSize, long callCost) {
		int n = lengths.length;
		if (n == 0) {
			return 0;
		}
		long least = Long.MAX_VALUE;
		// Bit i of mask set: a batch starts at item i + 1.
		for (int mask = 0; mask < (1 << (n - 1)); mask++) {
			int[] cuts = new int[Integer.bitCount(mask) + 2];
			int k = 1;
			for (int i = 0; i < n - 1; i++) {
				if ((mask & (1 << i)) != 0) {
					cuts[k++] = i + 1;
				}
			}
			cuts[k] = n;
			boolean fits = true;
			for (int j = 0; j + 1 < cuts.length; j++) {
				fits &= cuts[j + 1] - cuts[j] <= batchSize;
			}
			if (fits) {
				least = Math.min(least, cost(lengths, cuts, callCost));
			}
		}
		return least;
	}

	private static long cost(int[] lengths, int[] cuts, long callCost) {
		long total = 0;
		for (int k = 0; k + 1 < cuts.length; k++) {
			int longest = Arrays.stream(lengths, cuts[k], cuts[k + 1]).max().orElseThrow();
			total += callCost + (long) (cuts[k + 1] - cuts[k]) * longest;
		}
		return total;
	}

}
