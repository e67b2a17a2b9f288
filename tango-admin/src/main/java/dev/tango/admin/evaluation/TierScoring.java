package dev.tango.admin.evaluation;

import java.util.List;

import dev.tango.admin.job.JobContext;
import dev.tango.admin.job.JobFailedException;
import dev.tango.core.cascade.Stage;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.data.TierRunner;

/**
 * Runs every tier of a loaded cascade over every labelled input once, as the bench does
 * ({@link TierRunner}), reporting the job's progress (which checks for cancellation)
 * after every batch.
 */
public final class TierScoring {

	private TierScoring() {
	}

	/**
	 * Scores inputs with every tier.
	 * @param stages the cascade's stages
	 * @param inputs the labelled inputs
	 * @param context the job, for progress
	 * @param phase the progress phase's name
	 * @param from the overall percent at the start
	 * @param to the overall percent at the end
	 * @return every tier's run and the labelled scores
	 * @throws JobFailedException if a tier fails or returns NaN logits
	 */
	public static TierRunner.StageRuns score(List<Stage> stages, LabelledInputs inputs, JobContext context,
			String phase, double from, double to) {
		try {
			return TierRunner.run(stages, inputs.inputs(), inputs.truth(),
					(done, total) -> context.progress(phase, from, to, done, total));
		}
		catch (TierException ex) {
			throw new JobFailedException("A tier failed while scoring the data set: " + ex.getMessage(), ex);
		}
	}

}
