package dev.tango.train.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.tango.runtime.artifact.Sha256;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a model's block on {@link TrainingData}: length-bucketed batches, {@link AdamW}
 * on the {@link LearningRateSchedule}, held-out evaluation, early stopping, best weights
 * kept, checkpoints, progress and cancellation.
 *
 * <p>
 * <b>The block</b> is initialised by the caller (such as with weights read from an ONNX
 * file) and follows the contract of this package: {@code [inputIds, attentionMask,
 * tokenTypeIds]} in, {@code [logits]} out. Parameters whose gradient is off (frozen) are
 * not trained and not checkpointed; a resumed run must build them the same way.
 *
 * <p>
 * <b>Determinism.</b> A run is a function of its data, settings and initial weights: the
 * batches of an epoch come from {@link LengthBuckets} seeded by {@code (seed, epoch)},
 * and before each step the engine's generator (dropout) is reseeded from
 * {@code (seed, step)}. The engine's generator state cannot be read through DJL, so
 * reseeding per step is what makes the step count the whole random state.
 *
 * <p>
 * <b>Checkpoints and resume.</b> With a checkpoint directory, a checkpoint is written
 * every {@code checkpointEvery} steps and when the run is cancelled; {@link #fit} first
 * looks there and, if a checkpoint of the same data, settings and parameter shapes is
 * found, puts its weights, moments and early-stopping state back and goes on from its
 * step, ending with the weights an uninterrupted run ends with. A checkpoint of another
 * run is refused.
 *
 * <p>
 * <b>Native memory.</b> Each step and each held-out batch runs in a sub-manager of the
 * model's, to which the parameters are temporarily attached, so that every array made in
 * the step is freed when it ends; only the weights, the moments and the best weights live
 * across steps.
 *
 * <p>
 * <b>Threads.</b> {@link #fit} may be called on any thread, including one that has never
 * used the engine: the engine's grad mode is per thread and depends on the thread's
 * history, so the run sets it itself on the calling thread ({@link GradMode}), recording
 * only the training forward and backward passes, and puts back what the thread had when
 * it returns or throws. Not thread-safe otherwise: one {@link #fit} at a time in the
 * process, as DJL's PyTorch gradient collector allows only one collection at a time,
 * whichever the thread.
 */
public final class Trainer {

	/** The most steps in a row whose gradient may be skipped before a run fails. */
	public static final int MAX_SKIPPED_IN_A_ROW = 3;

	private static final Logger logger = LoggerFactory.getLogger(Trainer.class);

	private final Model model;

	private final TrainingSettings settings;

	private final @Nullable Path checkpointDirectory;

	/**
	 * Creates a trainer.
	 * @param model the model whose block is trained, initialised; its manager holds the
	 * optimiser state during {@link #fit}
	 * @param settings how to train
	 * @param checkpointDirectory where checkpoints are written and resumed from, or
	 * {@code null} for none
	 */
	public Trainer(Model model, TrainingSettings settings, @Nullable Path checkpointDirectory) {
		this.model = model;
		this.settings = settings;
		this.checkpointDirectory = checkpointDirectory;
	}

	/**
	 * Trains, resuming from the checkpoint directory's checkpoint when it holds one.
	 * @param data the examples
	 * @param listener receives progress after every step
	 * @param cancelled checked between steps; when it returns {@code true} the run stops
	 * (after writing a checkpoint when it has a directory)
	 * @return how the run ended; the block holds its resulting weights, and the calling
	 * thread's grad mode is as it was before the call
	 * @throws IOException if a checkpoint cannot be read or written
	 * @throws IllegalStateException if the checkpoint is another run's, or
	 * ({@link NonFiniteGradientException}) the gradient is not finite in more than
	 * {@value #MAX_SKIPPED_IN_A_ROW} steps in a row; a single step whose gradient is not
	 * finite is skipped (logged, counted in the result, the weights and moments left as
	 * they were), as the data cursor and schedule go on, so a resumed run skips it too
	 */
	public TrainingResult fit(TrainingData data, TrainingListener listener, BooleanSupplier cancelled)
			throws IOException {
		// Nothing but the training passes (which turn it on) records: the optimiser's,
		// resume's and best weights' in-place writes, and held-out inference.
		try (GradMode off = GradMode.off()) {
			return train(data, listener, cancelled);
		}
	}

	private TrainingResult train(TrainingData data, TrainingListener listener, BooleanSupplier cancelled)
			throws IOException {
		long started = System.nanoTime();
		Block block = this.model.getBlock();
		NDManager base = this.model.getNDManager();
		List<Parameter> all = block.getParameters().values();
		LengthBuckets buckets = new LengthBuckets(data.trainLengths(), this.settings.batchSize(),
				this.settings.bucketWidth());
		int perEpoch = buckets.batchesPerEpoch();
		long total = this.settings.totalSteps(perEpoch);
		LearningRateSchedule schedule = this.settings.schedule(total);
		int evaluateEvery = (this.settings.evaluateEvery() > 0) ? this.settings.evaluateEvery() : perEpoch;
		HeldOutEvaluator evaluator = new HeldOutEvaluator(data, this.settings.batchSize());
		TrainingStep step = new TrainingStep(block, all, data, this.settings.loss(), this.settings.maxGradientNorm());
		try (AdamW optimiser = new AdamW(block.getParameters(), base, this.settings.beta1(), this.settings.beta2(),
				this.settings.epsilon(), this.settings.weightDecay()); BestWeights best = new BestWeights(base)) {
			List<Parameter> trained = optimiser.parameters();
			String fingerprint = fingerprint(data, trained);
			RunState run = resume(fingerprint, perEpoch, optimiser, best, trained, base)
				.orElseGet(() -> RunState.fresh(fingerprint, this.settings.seed()));
			long resumedFrom = run.step;
			long sessionStart = System.nanoTime();
			List<int[]> epochBatches = List.of();
			int loadedEpoch = -1;
			TrainingResult.Status status = TrainingResult.Status.COMPLETED;
			int skippedInARow = 0;
			while (run.step < total) {
				if (this.settings.patience() > 0 && run.evaluationsWithoutImprovement >= this.settings.patience()) {
					status = TrainingResult.Status.EARLY_STOPPED;
					break;
				}
				if (cancelled.getAsBoolean()) {
					checkpoint(run, optimiser, best, trained, perEpoch);
					status = TrainingResult.Status.CANCELLED;
					break;
				}
				int epoch = (int) (run.step / perEpoch);
				if (epoch != loadedEpoch) {
					epochBatches = buckets.epoch(this.settings.seed(), epoch);
					loadedEpoch = epoch;
				}
				double learningRate = schedule.at(run.step + 1);
				base.getEngine().setRandomSeed(stepSeed(this.settings.seed(), run.step));
				TrainingStep.Outcome outcome;
				try {
					outcome = step.run(base, epochBatches.get((int) (run.step % perEpoch)), optimiser, learningRate);
					skippedInARow = 0;
				}
				catch (NonFiniteGradientException ex) {
					skippedInARow++;
					if (skippedInARow > MAX_SKIPPED_IN_A_ROW) {
						throw ex;
					}
					logger.warn("Step {} skipped, the weights left as they were: {}", run.step + 1, ex.getMessage());
					outcome = new TrainingStep.Outcome(Double.NaN, Double.NaN);
				}
				run.step++;
				boolean evaluate = !evaluator.isEmpty() && (run.step % evaluateEvery == 0 || run.step == total);
				if (evaluate) {
					run.record(evaluator.accuracy(block, base, all), trained, best);
				}
				boolean checkpointed = this.settings.checkpointEvery() > 0
						&& run.step % this.settings.checkpointEvery() == 0
						&& checkpoint(run, optimiser, best, trained, perEpoch);
				listener.onProgress(progress(run, total, epoch, outcome, learningRate, evaluate, checkpointed,
						sessionStart, resumedFrom));
			}
			if (status != TrainingResult.Status.CANCELLED && best.present()) {
				best.putBack(trained);
			}
			// skipped steps left the optimiser's count, which checkpoints keep, unchanged
			long skipped = run.step - optimiser.steps();
			return new TrainingResult(status, run.step, resumedFrom, run.bestAccuracy, run.bestStep, skipped,
					Duration.ofNanos(System.nanoTime() - started));
		}
	}

	private Optional<RunState> resume(String fingerprint, int perEpoch, AdamW optimiser, BestWeights best,
			List<Parameter> trained, NDManager base) throws IOException {
		if (this.checkpointDirectory == null) {
			return Optional.empty();
		}
		Optional<CheckpointState> saved = Checkpoint.readState(this.checkpointDirectory);
		if (saved.isEmpty()) {
			return Optional.empty();
		}
		CheckpointState state = saved.get();
		if (!state.fingerprint().equals(fingerprint)) {
			throw new IllegalStateException("The checkpoint in " + this.checkpointDirectory
					+ " is of another run (other data, settings or parameters); remove it to start afresh");
		}
		if (state.epoch() != state.step() / perEpoch || state.batchInEpoch() != state.step() % perEpoch) {
			throw new IllegalStateException("The checkpoint in " + this.checkpointDirectory + " is at step "
					+ state.step() + " but its data cursor says epoch " + state.epoch() + ", batch "
					+ state.batchInEpoch() + " of " + perEpoch);
		}
		try (NDManager scope = base.newSubManager()) {
			Checkpoint.Arrays arrays = Checkpoint.readArrays(this.checkpointDirectory, scope);
			if (arrays.parameters().size() != trained.size()) {
				throw new IllegalStateException("The checkpoint holds " + arrays.parameters().size()
						+ " parameters, the block trains " + trained.size());
			}
			for (int i = 0; i < trained.size(); i++) {
				Checkpoint.copyInto(arrays.parameters().get(i), trained.get(i).getArray(), trained.get(i).getName());
			}
			optimiser.restore(state.optimiserSteps(), arrays.firstMoments(), arrays.secondMoments());
			if (!arrays.bestWeights().isEmpty()) {
				best.restore(arrays.bestWeights());
			}
		}
		return Optional.of(RunState.of(state));
	}

	/**
	 * Writes a checkpoint if the run has a directory for them; returns whether it did.
	 */
	private boolean checkpoint(RunState run, AdamW optimiser, BestWeights best, List<Parameter> trained, int perEpoch)
			throws IOException {
		if (this.checkpointDirectory == null) {
			return false;
		}
		NDList parameters = new NDList(trained.stream().map(Parameter::getArray).toList());
		Checkpoint.write(this.checkpointDirectory, run.toState(optimiser.steps(), perEpoch),
				new Checkpoint.Arrays(parameters, optimiser.firstMoments(), optimiser.secondMoments(), best.weights()));
		return true;
	}

	private String fingerprint(TrainingData data, List<Parameter> trained) {
		StringBuilder text = new StringBuilder(data.fingerprint()).append('|').append(this.settings);
		for (Parameter parameter : trained) {
			text.append('|').append(parameter.getName()).append(parameter.getArray().getShape());
		}
		return Sha256.ofUtf8(text.toString());
	}

	private static TrainingProgress progress(RunState run, long total, int epoch, TrainingStep.Outcome outcome,
			double learningRate, boolean evaluated, boolean checkpointed, long sessionStart, long resumedFrom) {
		double seconds = (System.nanoTime() - sessionStart) / 1e9;
		double rate = (run.step - resumedFrom) / Math.max(seconds, 1e-9);
		Duration eta = Duration.ofMillis((long) ((total - run.step) / rate * 1000));
		return new TrainingProgress(run.step, total, epoch, outcome.loss(), learningRate, outcome.gradientNorm(),
				run.lastAccuracy, evaluated, checkpointed, rate, eta);
	}

	/** Returns the engine seed of a step: a function of the run's seed and the step. */
	static int stepSeed(long seed, long step) {
		return new SplittableRandom(seed ^ (step * 0xBF58476D1CE4E5B9L)).nextInt();
	}

	/** The loop's mutable position and early-stopping record. */
	private static final class RunState {

		private final String fingerprint;

		private final long seed;

		private long step;

		private double bestAccuracy;

		private long bestStep;

		private int evaluationsWithoutImprovement;

		private double lastAccuracy;

		private RunState(String fingerprint, long seed, long step, double bestAccuracy, long bestStep,
				int evaluationsWithoutImprovement, double lastAccuracy) {
			this.fingerprint = fingerprint;
			this.seed = seed;
			this.step = step;
			this.bestAccuracy = bestAccuracy;
			this.bestStep = bestStep;
			this.evaluationsWithoutImprovement = evaluationsWithoutImprovement;
			this.lastAccuracy = lastAccuracy;
		}

		static RunState fresh(String fingerprint, long seed) {
			return new RunState(fingerprint, seed, 0, Double.NaN, 0, 0, Double.NaN);
		}

		static RunState of(CheckpointState state) {
			return new RunState(state.fingerprint(), state.seed(), state.step(), state.bestAccuracy(), state.bestStep(),
					state.evaluationsWithoutImprovement(), state.lastAccuracy());
		}

		/** Records an evaluation; keeps the weights when they are the best so far. */
		void record(double accuracy, List<Parameter> trained, BestWeights best) {
			this.lastAccuracy = accuracy;
			if (Double.isNaN(this.bestAccuracy) || accuracy > this.bestAccuracy) {
				this.bestAccuracy = accuracy;
				this.bestStep = this.step;
				this.evaluationsWithoutImprovement = 0;
				best.keep(trained);
			}
			else {
				this.evaluationsWithoutImprovement++;
			}
		}

		CheckpointState toState(long optimiserSteps, int perEpoch) {
			return new CheckpointState(this.fingerprint, this.step, (int) (this.step / perEpoch),
					(int) (this.step % perEpoch), this.seed, optimiserSteps, this.bestAccuracy, this.bestStep,
					this.evaluationsWithoutImprovement, this.lastAccuracy);
		}

	}

}
