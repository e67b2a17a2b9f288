package dev.tango.bench.finetune;

import java.nio.file.Path;

import dev.tango.bench.Setting;
import dev.tango.train.loop.TrainingSettings;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The training options that {@code fine-tune} and {@code distil --student transformer}
 * share: the length of the run, the optimiser's schedule and weight decay, held-out
 * evaluation and early stopping, and checkpoints. Their defaults are those of
 * {@link TrainingSettings#defaults()}, but for writing a checkpoint every 200 steps when
 * {@code --checkpoint-dir} is given. The batch size, peak learning rate and seed are each
 * command's own options, passed to {@link #settings(int, double, long)}.
 */
public final class TrainingOptions {

	private static final TrainingSettings DEFAULTS = TrainingSettings.defaults();

	@Setting("epochs")
	@Option(names = "--epochs", description = "passes over the training rows (default ${DEFAULT-VALUE})")
	int epochs = DEFAULTS.epochs();

	@Setting("maxSteps")
	@Option(names = "--max-steps",
			description = "the most optimiser steps, 0 for whole epochs (default ${DEFAULT-VALUE})")
	long maxSteps = DEFAULTS.maxSteps();

	@Setting("warmupFraction")
	@Option(names = "--warmup", description = "share of the steps warming up (default ${DEFAULT-VALUE})")
	double warmup = DEFAULTS.warmupFraction();

	@Setting("weightDecay")
	@Option(names = "--weight-decay", description = "AdamW weight decay (default ${DEFAULT-VALUE})")
	double weightDecay = DEFAULTS.weightDecay();

	@Setting("evaluateEvery")
	@Option(names = "--evaluate-every",
			description = "steps between held-out evaluations, 0 for each epoch (default ${DEFAULT-VALUE})")
	int evaluateEvery = DEFAULTS.evaluateEvery();

	@Setting("patience")
	@Option(names = "--patience",
			description = "evaluations without improvement before stopping, 0 never (default ${DEFAULT-VALUE})")
	int patience = DEFAULTS.patience();

	@Option(names = "--checkpoint-dir", description = "where checkpoints are written and resumed from")
	@Nullable Path checkpointDir;

	@Setting("checkpointEvery")
	@Option(names = "--checkpoint-every", defaultValue = "200",
			description = "steps between checkpoints (default ${DEFAULT-VALUE})")
	int checkpointEvery;

	/**
	 * Returns the training settings of these options, with hard labels as the loss;
	 * checkpoints are written only with {@code --checkpoint-dir}.
	 * @param batchSize the rows per step
	 * @param learningRate the peak learning rate
	 * @param seed the seed of the order and dropout
	 * @return the settings
	 * @throws IllegalArgumentException if a value is out of range
	 */
	public TrainingSettings settings(int batchSize, double learningRate, long seed) {
		return DEFAULTS.withLength(this.epochs, this.maxSteps)
			.withBatchSize(batchSize)
			.withOptimiser(learningRate, this.warmup, this.weightDecay, DEFAULTS.maxGradientNorm())
			.withEvaluation(this.evaluateEvery, this.patience)
			.withCheckpointEvery((this.checkpointDir != null) ? this.checkpointEvery : 0)
			.withSeed(seed);
	}

	/**
	 * Returns the folder checkpoints are written to and resumed from.
	 * @return {@code --checkpoint-dir}, or {@code null} for no checkpoints
	 */
	public @Nullable Path checkpointDir() {
		return this.checkpointDir;
	}

}
