package dev.tango.train.loop;

import dev.tango.core.settings.InvalidSettingException;

/**
 * How to train: schedule, optimiser, loss, evaluation, early stopping, checkpoints and
 * seed. Immutable; {@link #defaults()} and the {@code with…} methods build it.
 *
 * @param epochs the passes over the training examples, at least 1
 * @param maxSteps the most optimiser steps, or 0 for {@code epochs} full passes
 * @param batchSize the examples per batch, at least 1
 * @param bucketWidth the lengths (in tokens) that share a length bucket, at least 1
 * @param learningRate the peak learning rate, positive
 * @param warmupFraction the share of the steps spent warming up, in {@code [0, 1)}
 * @param weightDecay AdamW's decoupled weight decay, at least 0
 * @param beta1 AdamW's first-moment decay, in {@code [0, 1)}
 * @param beta2 AdamW's second-moment decay, in {@code [0, 1)}
 * @param epsilon AdamW's epsilon, positive
 * @param maxGradientNorm the global gradient norm clipped to, or 0 for no clipping
 * @param loss the loss
 * @param evaluateEvery steps between held-out evaluations, or 0 for once per epoch; the
 * last step is always evaluated
 * @param patience evaluations without a better held-out accuracy before stopping, or 0 to
 * never stop early
 * @param checkpointEvery steps between checkpoints, or 0 for none (a cancelled run still
 * writes one)
 * @param seed the seed of everything random: data order, dropout
 */
public record TrainingSettings(int epochs, long maxSteps, int batchSize, int bucketWidth, double learningRate,
		double warmupFraction, double weightDecay, double beta1, double beta2, double epsilon, double maxGradientNorm,
		ClassificationLoss loss, int evaluateEvery, int patience, int checkpointEvery, long seed) {

	public TrainingSettings {
		InvalidSettingException.require(epochs >= 1, "epochs", "must be at least 1", epochs);
		InvalidSettingException.require(maxSteps >= 0, "maxSteps", "must be 0 or more", maxSteps);
		InvalidSettingException.require(batchSize >= 1, "batchSize", "must be at least 1", batchSize);
		InvalidSettingException.require(bucketWidth >= 1, "bucketWidth", "must be at least 1", bucketWidth);
		InvalidSettingException.require(learningRate > 0, "learningRate", "must be positive", learningRate);
		InvalidSettingException.require(warmupFraction >= 0 && warmupFraction < 1, "warmupFraction",
				"must lie in [0, 1)", warmupFraction);
		InvalidSettingException.require(weightDecay >= 0, "weightDecay", "must be 0 or more", weightDecay);
		InvalidSettingException.require(beta1 >= 0 && beta1 < 1, "beta1", "must lie in [0, 1)", beta1);
		InvalidSettingException.require(beta2 >= 0 && beta2 < 1, "beta2", "must lie in [0, 1)", beta2);
		InvalidSettingException.require(epsilon > 0, "epsilon", "must be positive", epsilon);
		InvalidSettingException.require(maxGradientNorm >= 0, "maxGradientNorm", "must be 0 or more", maxGradientNorm);
		InvalidSettingException.require(evaluateEvery >= 0, "evaluateEvery", "must be 0 or more", evaluateEvery);
		InvalidSettingException.require(patience >= 0, "patience", "must be 0 or more", patience);
		InvalidSettingException.require(checkpointEvery >= 0, "checkpointEvery", "must be 0 or more", checkpointEvery);
	}

	/**
	 * Returns the usual settings for fine-tuning a small BERT: 3 epochs, batch 32,
	 * learning rate 5e-5 with 10% warm-up, weight decay 0.01, β (0.9, 0.999), ε 1e-8,
	 * gradients clipped to norm 1, hard labels, evaluation each epoch, no early stopping,
	 * no checkpoints, seed 42.
	 * @return the settings
	 */
	public static TrainingSettings defaults() {
		return new TrainingSettings(3, 0, 32, 8, 5e-5, 0.1, 0.01, 0.9, 0.999, 1e-8, 1.0,
				ClassificationLoss.hardLabels(), 0, 0, 0, 42);
	}

	/**
	 * Returns these settings for a length of run.
	 * @param epochs the epochs
	 * @param maxSteps the most steps, or 0 for whole epochs
	 * @return the settings
	 */
	public TrainingSettings withLength(int epochs, long maxSteps) {
		return new TrainingSettings(epochs, maxSteps, this.batchSize, this.bucketWidth, this.learningRate,
				this.warmupFraction, this.weightDecay, this.beta1, this.beta2, this.epsilon, this.maxGradientNorm,
				this.loss, this.evaluateEvery, this.patience, this.checkpointEvery, this.seed);
	}

	/**
	 * Returns these settings with another batch size.
	 * @param batchSize the examples per batch
	 * @return the settings
	 */
	public TrainingSettings withBatchSize(int batchSize) {
		return new TrainingSettings(this.epochs, this.maxSteps, batchSize, this.bucketWidth, this.learningRate,
				this.warmupFraction, this.weightDecay, this.beta1, this.beta2, this.epsilon, this.maxGradientNorm,
				this.loss, this.evaluateEvery, this.patience, this.checkpointEvery, this.seed);
	}

	/**
	 * Returns these settings with another optimiser configuration.
	 * @param learningRate the peak learning rate
	 * @param warmupFraction the share of steps warming up
	 * @param weightDecay the decoupled weight decay
	 * @param maxGradientNorm the clipping norm, or 0
	 * @return the settings
	 */
	public TrainingSettings withOptimiser(double learningRate, double warmupFraction, double weightDecay,
			double maxGradientNorm) {
		return new TrainingSettings(this.epochs, this.maxSteps, this.batchSize, this.bucketWidth, learningRate,
				warmupFraction, weightDecay, this.beta1, this.beta2, this.epsilon, maxGradientNorm, this.loss,
				this.evaluateEvery, this.patience, this.checkpointEvery, this.seed);
	}

	/**
	 * Returns these settings with another loss.
	 * @param loss the loss
	 * @return the settings
	 */
	public TrainingSettings withLoss(ClassificationLoss loss) {
		return new TrainingSettings(this.epochs, this.maxSteps, this.batchSize, this.bucketWidth, this.learningRate,
				this.warmupFraction, this.weightDecay, this.beta1, this.beta2, this.epsilon, this.maxGradientNorm, loss,
				this.evaluateEvery, this.patience, this.checkpointEvery, this.seed);
	}

	/**
	 * Returns these settings with another evaluation and early-stopping cadence.
	 * @param evaluateEvery steps between evaluations, or 0 for each epoch
	 * @param patience evaluations without improvement before stopping, or 0
	 * @return the settings
	 */
	public TrainingSettings withEvaluation(int evaluateEvery, int patience) {
		return new TrainingSettings(this.epochs, this.maxSteps, this.batchSize, this.bucketWidth, this.learningRate,
				this.warmupFraction, this.weightDecay, this.beta1, this.beta2, this.epsilon, this.maxGradientNorm,
				this.loss, evaluateEvery, patience, this.checkpointEvery, this.seed);
	}

	/**
	 * Returns these settings with another checkpoint cadence.
	 * @param checkpointEvery steps between checkpoints, or 0
	 * @return the settings
	 */
	public TrainingSettings withCheckpointEvery(int checkpointEvery) {
		return new TrainingSettings(this.epochs, this.maxSteps, this.batchSize, this.bucketWidth, this.learningRate,
				this.warmupFraction, this.weightDecay, this.beta1, this.beta2, this.epsilon, this.maxGradientNorm,
				this.loss, this.evaluateEvery, this.patience, checkpointEvery, this.seed);
	}

	/**
	 * Returns these settings with another seed.
	 * @param seed the seed
	 * @return the settings
	 */
	public TrainingSettings withSeed(long seed) {
		return new TrainingSettings(this.epochs, this.maxSteps, this.batchSize, this.bucketWidth, this.learningRate,
				this.warmupFraction, this.weightDecay, this.beta1, this.beta2, this.epsilon, this.maxGradientNorm,
				this.loss, this.evaluateEvery, this.patience, this.checkpointEvery, seed);
	}

	/**
	 * Returns the steps of a run over examples grouped into batches.
	 * @param batchesPerEpoch the batches of one epoch
	 * @return {@code epochs × batchesPerEpoch}, capped at {@code maxSteps} when set
	 */
	public long totalSteps(int batchesPerEpoch) {
		long full = (long) this.epochs * batchesPerEpoch;
		return (this.maxSteps > 0) ? Math.min(full, this.maxSteps) : full;
	}

	/**
	 * Returns the learning-rate schedule of a run.
	 * @param totalSteps the run's steps
	 * @return warm-up over {@code warmupFraction} of them, then linear decay
	 */
	public LearningRateSchedule schedule(long totalSteps) {
		long warmup = Math.min(totalSteps - 1, (long) Math.floor(this.warmupFraction * totalSteps));
		return new LearningRateSchedule(this.learningRate, warmup, totalSteps);
	}

}
