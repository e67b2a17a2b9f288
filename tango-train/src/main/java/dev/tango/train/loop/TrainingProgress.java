package dev.tango.train.loop;

import java.time.Duration;

/**
 * Where a run stands after a step, as a {@link TrainingListener} sees it.
 *
 * @param step the steps done, from 1
 * @param totalSteps the steps of the whole run
 * @param epoch the epoch of the step, from 0
 * @param loss the step's mean training loss
 * @param learningRate the step's learning rate
 * @param gradientNorm the step's global gradient norm before clipping
 * @param heldOutAccuracy the accuracy of the latest held-out evaluation, in
 * {@code [0, 1]}, or NaN before the first
 * @param evaluated whether the held-out set was evaluated after this step
 * @param checkpointed whether a checkpoint was written after this step: a run resumed
 * later starts after it
 * @param stepsPerSecond the steps per second of this process's part of the run,
 * evaluations and checkpoints included
 * @param eta the estimated time to the last step at that rate
 */
public record TrainingProgress(long step, long totalSteps, int epoch, double loss, double learningRate,
		double gradientNorm, double heldOutAccuracy, boolean evaluated, boolean checkpointed, double stepsPerSecond,
		Duration eta) {

}
