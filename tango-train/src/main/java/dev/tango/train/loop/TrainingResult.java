package dev.tango.train.loop;

import java.time.Duration;

/**
 * How a run ended. On {@link Status#COMPLETED} and {@link Status#EARLY_STOPPED} the block
 * holds the weights of the best held-out evaluation (its last weights when nothing was
 * held out); on {@link Status#CANCELLED} it holds the weights of the last step, and the
 * checkpoint (when a directory was given) resumes the run.
 *
 * @param status how it ended
 * @param steps the steps done in all, resumed ones included
 * @param resumedFromStep the step the run resumed from, 0 for a fresh run
 * @param bestHeldOutAccuracy the best held-out accuracy, NaN when not evaluated
 * @param bestStep the step of the best held-out accuracy, 0 when not evaluated
 * @param skippedSteps the steps whose gradient was not finite and that left the weights
 * as they were ({@link Trainer}), in all, those of a resumed attempt's predecessors
 * included
 * @param wallTime the time this call took
 */
public record TrainingResult(Status status, long steps, long resumedFromStep, double bestHeldOutAccuracy, long bestStep,
		long skippedSteps, Duration wallTime) {

	/** How a run ended. */
	public enum Status {

		/** Every step was done. */
		COMPLETED,

		/** Held-out accuracy stopped improving for the patience set. */
		EARLY_STOPPED,

		/** The cancellation flag was raised between two steps. */
		CANCELLED

	}

}
