package dev.tango.admin.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.core.calibration.TierPredictions;
import dev.tango.core.cascade.LengthBatching;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceFunction;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;

/**
 * Runs every tier of a loaded cascade over every input once, in batches of inputs of
 * similar length at each stage's batch size, reporting progress and checking for
 * cancellation between chunks of batches.
 */
public final class TierScoring {

	private static final int BATCHES_PER_CHUNK = 4;

	private TierScoring() {
	}

	/**
	 * Scores inputs with every tier.
	 * @param stages the cascade's stages
	 * @param inputs the inputs
	 * @param context the job, for progress
	 * @param phase the progress phase's name
	 * @param from the overall percent at the start
	 * @param to the overall percent at the end
	 * @return the scores of every tier, and its wall-clock time
	 * @throws JobFailedException if a tier fails or returns NaN logits
	 */
	public static Scored score(List<Stage> stages, List<TextInput> inputs, JobContext context, String phase,
			double from, double to) {
		long total = (long) stages.size() * inputs.size();
		long done = 0;
		List<List<Scores>> scores = new ArrayList<>();
		long[] nanos = new long[stages.size()];
		for (int k = 0; k < stages.size(); k++) {
			Stage stage = stages.get(k);
			int[] order = LengthBatching.byLength(inputs, stage.tier()::length);
			Scores[] tierScores = new Scores[inputs.size()];
			int chunk = Math.max(1, stage.batchSize() * BATCHES_PER_CHUNK);
			for (int start = 0; start < order.length; start += chunk) {
				int end = Math.min(order.length, start + chunk);
				List<TextInput> batch = new ArrayList<>(end - start);
				for (int i = start; i < end; i++) {
					batch.add(inputs.get(order[i]));
				}
				LengthBatching.Result result;
				try {
					result = LengthBatching.classify(stage.tier(), batch, stage.batchSize());
				}
				catch (TierException ex) {
					throw new JobFailedException(
							"Tier " + k + " (" + stage.tier().name() + ") failed: " + ex.getMessage(), ex);
				}
				nanos[k] += result.nanos();
				for (int i = start; i < end; i++) {
					tierScores[order[i]] = result.scores().get(i - start);
				}
				done += end - start;
				context.progress(phase, from, to, done, total);
			}
			scores.add(Arrays.asList(tierScores));
		}
		return new Scored(scores, nanos, inputs.size());
	}

	/**
	 * The scores of every tier on a list of inputs.
	 *
	 * @param scores per tier, one result per input in input order
	 * @param nanos per tier, the wall-clock time of its runs
	 * @param size the number of inputs
	 */
	public record Scored(List<List<Scores>> scores, long[] nanos, int size) {

		public Scored {
			scores = List.copyOf(scores);
		}

		/**
		 * Returns one tier's predictions with a confidence function.
		 * @param tier the tier's index
		 * @param confidence how its logits become labels and confidences
		 * @return the predictions
		 */
		public TierPredictions predictions(int tier, ConfidenceFunction confidence) {
			return TierPredictions.of(this.scores.get(tier), confidence);
		}

		/**
		 * Returns one tier's logits.
		 * @param tier the tier's index
		 * @return one array per input
		 */
		public List<float[]> logits(int tier) {
			return this.scores.get(tier).stream().map(Scores::logits).toList();
		}

		/**
		 * Returns a tier's measured cost per input during scoring.
		 * @param tier the tier's index
		 * @return nanoseconds per input, positive
		 */
		public double nanosPerInput(int tier) {
			return Math.max(1, (double) this.nanos[tier] / Math.max(1, this.size));
		}

	}

}
