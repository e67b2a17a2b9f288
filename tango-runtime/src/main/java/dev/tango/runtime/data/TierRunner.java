package dev.tango.runtime.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.tango.core.calibration.LabelledScores;
import dev.tango.core.calibration.ScoredTier;
import dev.tango.core.calibration.TierCosts;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.Tier;

/**
 * Runs every tier of a cascade on every input once, as the cascade's first tier sees its
 * inputs: ordered by {@link Tier#length} and cut into batches of at most the tier's batch
 * size where {@link LengthBatching#batches} cuts them, so that the batches, and hence the
 * outputs of models that depend on their batch, are those of the cascade. The tiers'
 * batches run interleaved in time, each tier keeping pace with the others in proportion
 * to its number of batches, so that whatever else loads the machine falls alike on every
 * tier and the measured cost ratios stay fair. One warm-up batch per tier (its longest)
 * runs first, unmeasured.
 *
 * <p>
 * A tier's cost is the time it spent per input: reading every input's length, plus its
 * batches; the wall-clock time of the calling thread, which is the only one calling.
 */
public final class TierRunner {

	private TierRunner() {
	}

	/**
	 * A tier with the batch size to run it at.
	 *
	 * @param tier the tier
	 * @param batchSize the most inputs per call, at least 1
	 */
	public record TierSpec(Tier tier, int batchSize) {

		public TierSpec {
			Objects.requireNonNull(tier, "tier");
			if (batchSize < 1) {
				throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
			}
		}

	}

	/**
	 * What one tier gave and cost.
	 *
	 * @param tier the tier's name
	 * @param scores one result per input, in input order
	 * @param batches the number of calls
	 * @param lengthNanos the time spent reading lengths to order the inputs
	 * @param classifyNanos the time spent in the tier's calls
	 */
	public record TierRun(String tier, List<Scores> scores, int batches, long lengthNanos, long classifyNanos) {

		public TierRun {
			scores = List.copyOf(scores);
		}

		/**
		 * Returns the cost per input.
		 * @return nanoseconds per input, ordering included; 0 without inputs
		 */
		public double nanosPerInput() {
			return this.scores.isEmpty() ? 0 : (double) (this.lengthNanos + this.classifyNanos) / this.scores.size();
		}

	}

	/**
	 * Runs the tiers.
	 * @param tiers the tiers with their batch sizes
	 * @param inputs the inputs
	 * @return one run per tier, in the order of {@code tiers}
	 * @throws dev.tango.core.tier.TierException if a tier fails or breaks its contract
	 */
	public static List<TierRun> run(List<TierSpec> tiers, List<TextInput> inputs) {
		return run(tiers, inputs, (done, total) -> {
		});
	}

	/**
	 * Runs every stage's tier at the stage's batch size and returns, with the runs, each
	 * tier's scores with the confidence function its stage routes on.
	 * @param stages the cascade's stages, cheapest first
	 * @param inputs the inputs
	 * @param truth the true label index of each input
	 * @param progress told after every measured batch
	 * @return the runs and the labelled scores
	 * @throws dev.tango.core.tier.TierException if a tier fails or breaks its contract
	 */
	public static StageRuns run(List<Stage> stages, List<TextInput> inputs, int[] truth, Progress progress) {
		List<TierRun> runs = run(stages.stream().map((stage) -> new TierSpec(stage.tier(), stage.batchSize())).toList(),
				inputs, progress);
		List<ScoredTier> tiers = new ArrayList<>();
		for (int k = 0; k < stages.size(); k++) {
			Stage stage = stages.get(k);
			tiers.add(new ScoredTier(stage.tier().name(), runs.get(k).scores(),
					new ConfidenceFunction(stage.tier().activation(), stage.measure(), stage.temperature())));
		}
		return new StageRuns(runs, new LabelledScores(truth, tiers));
	}

	/**
	 * Runs the tiers, telling the progress before each input is measured for length
	 * grouping (with nothing done yet) and after every measured batch; a progress that
	 * throws stops the run there.
	 * @param tiers the tiers with their batch sizes
	 * @param inputs the inputs
	 * @param progress told after every measured batch
	 * @return one run per tier, in the order of {@code tiers}
	 * @throws dev.tango.core.tier.TierException if a tier fails or breaks its contract
	 */
	public static List<TierRun> run(List<TierSpec> tiers, List<TextInput> inputs, Progress progress) {
		int n = inputs.size();
		int count = tiers.size();
		List<List<int[]>> batches = new ArrayList<>(count);
		long[] lengthNanos = new long[count];
		int[] batchCounts = new int[count];
		long total = (long) count * n;
		for (int k = 0; k < count; k++) {
			Tier tier = tiers.get(k).tier();
			long start = System.nanoTime();
			// measuring a long text takes a while: tell the progress (which may stop the
			// run) before each
			batches.add(LengthBatching.batches(inputs, (input) -> {
				progress.done(0, total);
				return tier.length(input);
			}, tiers.get(k).batchSize()));
			lengthNanos[k] = System.nanoTime() - start;
			batchCounts[k] = batches.get(k).size();
		}
		for (int k = 0; k < count; k++) {
			if (batchCounts[k] > 0) {
				runBatch(tiers.get(k), inputs, batches.get(k).get(batchCounts[k] - 1), new Scores[n]);
			}
		}
		Scores[][] scores = new Scores[count][n];
		long[] classifyNanos = new long[count];
		int[] next = new int[count];
		long done = 0;
		for (int k : schedule(batchCounts)) {
			long start = System.nanoTime();
			done += runBatch(tiers.get(k), inputs, batches.get(k).get(next[k]++), scores[k]);
			classifyNanos[k] += System.nanoTime() - start;
			progress.done(done, total);
		}
		List<TierRun> runs = new ArrayList<>(count);
		for (int k = 0; k < count; k++) {
			runs.add(new TierRun(tiers.get(k).tier().name(), Arrays.asList(scores[k]), batchCounts[k], lengthNanos[k],
					classifyNanos[k]));
		}
		return runs;
	}

	private static int runBatch(TierSpec spec, List<TextInput> inputs, int[] members, Scores[] into) {
		List<TextInput> items = new ArrayList<>(members.length);
		for (int member : members) {
			items.add(inputs.get(member));
		}
		List<Scores> results = spec.tier().classify(items);
		LengthBatching.checkResults(spec.tier(), spec.tier().labels().size(), items.size(), results);
		for (int i = 0; i < members.length; i++) {
			into[members[i]] = results.get(i);
		}
		return members.length;
	}

	/**
	 * Told how far a run has got; may throw to stop it (a cancelled job, say).
	 */
	@FunctionalInterface
	public interface Progress {

		/**
		 * Called before each input is measured for length grouping ({@code done} 0) and
		 * after each measured batch. It may throw to stop the run, such as when a job is
		 * cancelled.
		 * @param done the inputs scored so far, summed over the tiers
		 * @param total the inputs to score, summed over the tiers
		 */
		void done(long done, long total);

	}

	/**
	 * Every stage's run and the labelled scores made of them.
	 *
	 * @param runs what each tier gave and cost, cheapest first
	 * @param scores the true labels and each tier's scores with its stage's confidence
	 * function
	 */
	public record StageRuns(List<TierRun> runs, LabelledScores scores) {

		public StageRuns {
			runs = List.copyOf(runs);
			Objects.requireNonNull(scores, "scores");
		}

		/**
		 * Returns each tier's measured cost per input (at least a nanosecond).
		 * @return the costs, cheapest tier first
		 */
		public TierCosts costs() {
			return new TierCosts(this.runs.stream().map((run) -> Math.max(1.0, run.nanosPerInput())).toList());
		}

	}

	/**
	 * Returns the order in which to run the tiers' batches: each step runs the next batch
	 * of the tier that has done the smallest share of its batches (the first such tier on
	 * ties), so that all tiers progress at the same pace.
	 * @param batchCounts the number of batches of each tier, each at least 0
	 * @return the tier index of each step, {@code sum(batchCounts)} steps
	 */
	static int[] schedule(int[] batchCounts) {
		int total = Arrays.stream(batchCounts).sum();
		int[] done = new int[batchCounts.length];
		int[] steps = new int[total];
		for (int s = 0; s < total; s++) {
			int best = -1;
			for (int k = 0; k < batchCounts.length; k++) {
				if (done[k] < batchCounts[k]
						&& (best < 0 || (long) done[k] * batchCounts[best] < (long) done[best] * batchCounts[k])) {
					best = k;
				}
			}
			steps[s] = best;
			done[best]++;
		}
		return steps;
	}

}
