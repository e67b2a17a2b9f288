package dev.tango.train.loop;

/**
 * Receives a run's progress, on the training thread, after every step (and, with a
 * teacher, while it scores the texts before the first). An exception thrown here ends the
 * run as a crash would: it propagates out of {@link Trainer#fit}, and the run resumes
 * from its last checkpoint.
 */
@FunctionalInterface
public interface TrainingListener {

	/** A listener that ignores progress. */
	TrainingListener NONE = (progress) -> {
	};

	/**
	 * Called after each step; should return quickly.
	 * @param progress where the run stands
	 */
	void onProgress(TrainingProgress progress);

	/**
	 * Called while a teacher scores the texts to train on, before the loop starts (after
	 * each batch it scores); does nothing unless overridden. An exception thrown here
	 * stops the scoring and propagates: no step was taken, so nothing is lost.
	 * @param done the texts scored so far
	 * @param total the texts to score
	 */
	default void onTeacherProgress(long done, long total) {
	}

	/**
	 * Called while the linear probe that starts the classification head is fitted on
	 * frozen features, before the loop starts: as {@link dev.tango.train.fit.FitProgress}
	 * reports (the inputs embedded, then each fit). Does nothing unless overridden; an
	 * exception thrown here stops the fit and propagates: no step was taken.
	 * @param phase the fit's phase
	 * @param done the items of that phase done
	 * @param total the items of that phase
	 */
	default void onProbeProgress(String phase, long done, long total) {
	}

}
