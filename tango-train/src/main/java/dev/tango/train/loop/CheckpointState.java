package dev.tango.train.loop;

/**
 * The scalar part of a checkpoint: where the run stands and what early stopping knows.
 * With the weights, the optimiser's moments and the best weights it is all a run needs to
 * go on as if never stopped: data order and dropout are functions of the seed and the
 * step (see {@link Trainer}).
 *
 * @param fingerprint the digest of the data, settings and trainable parameters' names and
 * shapes the run was started with
 * @param step the steps done
 * @param epoch the epoch of the next step (the data cursor, with {@code batchInEpoch})
 * @param batchInEpoch the batch of that epoch the next step trains on
 * @param seed the run's seed
 * @param optimiserSteps AdamW's step count
 * @param bestAccuracy the best held-out accuracy, NaN when not evaluated yet
 * @param bestStep the step of the best accuracy, 0 when none
 * @param evaluationsWithoutImprovement evaluations since the best
 * @param lastAccuracy the latest held-out accuracy, NaN when none
 */
record CheckpointState(String fingerprint, long step, int epoch, int batchInEpoch, long seed, long optimiserSteps,
		double bestAccuracy, long bestStep, int evaluationsWithoutImprovement, double lastAccuracy) {

}
