package dev.tango.core.calibration;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tango.core.Seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StratifiedFoldsTest {

	@Test
	void dealsEachLabelInTurnAcrossTheFolds() {
		int[] truth = { 1, 0, 1, 0, 1, 1, 0 };

		int[] folds = StratifiedFolds.assign(truth, 3, 7);

		// label 0 (inputs 1, 3, 6) takes folds 0, 1, 2; label 1 (inputs 0, 2, 4, 5)
		// goes on with 0, 1, 2, 0
		List<int[]> groups = StratifiedFolds.shuffledByLabel(truth, 7);
		assertThat(groups).hasSize(2);
		assertThat(groups.get(0)).containsExactlyInAnyOrder(1, 3, 6);
		assertThat(groups.get(1)).containsExactlyInAnyOrder(0, 2, 4, 5);
		int[] expected = new int[truth.length];
		int dealt = 0;
		for (int[] group : groups) {
			for (int input : group) {
				expected[input] = dealt++ % 3;
			}
		}
		assertThat(folds).containsExactly(expected);
		assertThat(IntStream.of(folds).filter((f) -> f == 0).count()).isEqualTo(3);
	}

	@Test
	void theSameSeedGivesTheSameFolds() {
		int[] truth = IntStream.range(0, 200).map((i) -> i % 3).toArray();

		assertThat(StratifiedFolds.assign(truth, 10, 42)).containsExactly(StratifiedFolds.assign(truth, 10, 42));
		assertThat(StratifiedFolds.assign(truth, 10, 42)).isNotEqualTo(StratifiedFolds.assign(truth, 10, 43));
		assertThatIllegalArgumentException().isThrownBy(() -> StratifiedFolds.assign(truth, 0, 42));
	}

	/**
	 * Folds differ in size by at most one, and so does every label's count in them; the
	 * groups are each label's inputs, in increasing label order.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void foldsAreBalancedOverallAndPerLabel(long seed) {
		RandomGenerator random = Seeds.random(seed);
		int[] truth = random.ints(random.nextInt(1, 300), 0, random.nextInt(1, 6)).toArray();
		int count = random.nextInt(1, 13);

		int[] folds = StratifiedFolds.assign(truth, count, random.nextLong());

		assertThat(folds).hasSameSizeAs(truth);
		assertThat(IntStream.of(folds).allMatch((f) -> f >= 0 && f < count)).isTrue();
		assertBalanced(IntStream.range(0, truth.length).toArray(), folds, count);
		int[] labels = IntStream.of(truth).distinct().sorted().toArray();
		List<int[]> groups = StratifiedFolds.shuffledByLabel(truth, seed);
		assertThat(groups).hasSize(labels.length);
		for (int j = 0; j < labels.length; j++) {
			int label = labels[j];
			int[] ofLabel = IntStream.range(0, truth.length).filter((i) -> truth[i] == label).toArray();
			assertThat(groups.get(j)).containsExactlyInAnyOrder(ofLabel);
			assertBalanced(ofLabel, folds, count);
		}
	}

	private static void assertBalanced(int[] inputs, int[] folds, int count) {
		int[] sizes = new int[count];
		for (int input : inputs) {
			sizes[folds[input]]++;
		}
		assertThat(Arrays.stream(sizes).max().getAsInt() - Arrays.stream(sizes).min().getAsInt())
			.isLessThanOrEqualTo(1);
	}

	static LongStream seeds() {
		return Seeds.seeds(100);
	}

}
