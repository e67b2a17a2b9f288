package dev.tango.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import dev.tango.runtime.data.TierRunner.TierRun;
import dev.tango.runtime.data.TierRunner.TierSpec;
import dev.tango.runtime.testsupport.KeywordTier;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TierRunnerTest {

	private static List<TextInput> inputs(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		List<TextInput> inputs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String text = "x".repeat(random.nextInt(1, 40)) + ((random.nextInt(3) == 0) ? " good" : "");
			inputs.add(TextInput.of(text));
		}
		return inputs;
	}

	@Test
	void eachTierGetsTheBatchesTheCascadeWouldGiveItAndTheScoresComeBackInInputOrder() {
		List<TextInput> inputs = inputs(103, 1);
		KeywordTier first = new KeywordTier("first", "good", 2, true);
		KeywordTier second = new KeywordTier("second", "good", 5, true);
		List<TierRun> runs = TierRunner.run(List.of(new TierSpec(first, 8), new TierSpec(second, 32)), inputs);

		KeywordTier reference = new KeywordTier("reference", "good", 2, true);
		LengthBatching.Result expected = LengthBatching.classify(reference, inputs, 8);
		List<List<TextInput>> measured = first.batches().subList(1, first.batches().size());
		assertThat(measured).isEqualTo(reference.batches());
		assertThat(logits(runs.get(0).scores())).isEqualTo(logits(expected.scores()));
		assertThat(runs.get(0).batches()).isEqualTo(expected.batches()).isEqualTo(reference.batches().size());
		assertThat(runs.get(1).batches()).isEqualTo(LengthBatching.batches(inputs, second::length, 32).size())
			.isGreaterThanOrEqualTo(4);
		assertThat(runs.get(1).scores()).hasSize(103);
		for (int i = 0; i < inputs.size(); i++) {
			boolean good = inputs.get(i).text().endsWith("good");
			assertThat(runs.get(1).scores().get(i).logits()[1] > 0).isEqualTo(good);
		}
		assertThat(runs).allSatisfy((run) -> assertThat(run.nanosPerInput()).isPositive());
	}

	@Test
	void theFirstBatchOfEachTierIsAWarmUpOfItsLongestInputs() {
		List<TextInput> inputs = inputs(20, 2);
		KeywordTier tier = new KeywordTier("t", "good", 1, false);
		TierRunner.run(List.of(new TierSpec(tier, 8)), inputs);
		List<TextInput> warmUp = tier.batches().get(0);
		List<int[]> batches = LengthBatching.batches(inputs, tier::length, 8);
		assertThat(warmUp).isNotEmpty().hasSize(batches.get(batches.size() - 1).length);
		int shortestWarm = warmUp.stream().mapToInt(TextInput::charLength).min().orElseThrow();
		assertThat(inputs.stream().filter((input) -> !warmUp.contains(input)).mapToInt(TextInput::charLength))
			.allSatisfy((length) -> assertThat(length).isLessThanOrEqualTo(shortestWarm));
	}

	@Test
	void aProgressThatThrowsWhileInputsAreMeasuredStopsTheRunBeforeAnyBatch() {
		List<TextInput> inputs = inputs(50, 3);
		KeywordTier tier = new KeywordTier("t", "good", 1, false);
		List<Long> reported = new ArrayList<>();
		assertThatIllegalStateException()
			.isThrownBy(() -> TierRunner.run(List.of(new TierSpec(tier, 8)), inputs, (done, total) -> {
				reported.add(done);
				if (reported.size() == 10) {
					throw new IllegalStateException("cancelled");
				}
			}))
			.withMessage("cancelled");

		assertThat(reported).hasSize(10).containsOnly(0L);
		assertThat(tier.batches()).as("nothing classified").isEmpty();
	}

	@Test
	void noInputsCallNoTier() {
		KeywordTier tier = new KeywordTier("t", "good", 1, false);
		List<TierRun> runs = TierRunner.run(List.of(new TierSpec(tier, 8)), List.of());
		assertThat(runs.get(0).scores()).isEmpty();
		assertThat(runs.get(0).nanosPerInput()).isZero();
		assertThat(tier.batches()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(longs = { 1, 2, 3, 4, 5, 6, 7, 8 })
	void theScheduleRunsEveryBatchOnceAndKeepsTheTiersAtTheSamePace(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		int[] counts = new int[random.nextInt(1, 5)];
		Arrays.setAll(counts, (k) -> random.nextInt(0, 60));
		int[] steps = TierRunner.schedule(counts);
		int[] done = new int[counts.length];
		for (int step : steps) {
			done[step]++;
			for (int k = 0; k < counts.length; k++) {
				for (int j = 0; j < counts.length; j++) {
					if (counts[k] > 0 && counts[j] > 0) {
						double gap = (double) done[k] / counts[k] - (double) done[j] / counts[j];
						assertThat(Math.abs(gap)).isLessThanOrEqualTo(1.0 / counts[k] + 1.0 / counts[j] + 1e-12);
					}
				}
			}
		}
		assertThat(done).isEqualTo(counts);
	}

	private static List<List<Float>> logits(List<Scores> scores) {
		return scores.stream().map((s) -> List.of(s.logits()[0], s.logits()[1])).toList();
	}

}
