package dev.tango.train.loop;

/**
 * Receives a run's progress, on the training thread, after every step. An exception
 * thrown here ends the run as a crash would: it propagates out of {@link Trainer#fit},
 * and the run resumes from its last checkpoint.
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

}
