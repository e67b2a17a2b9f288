package dev.tango.admin.training;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import dev.tango.admin.dataset.Dataset;
import dev.tango.models.registry.RegistryDescriptions;
import dev.tango.models.registry.RegistryNames;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.train.fit.FitSettings;
import dev.tango.train.fit.HeldOutSplit;
import dev.tango.train.loop.ClassificationLoss;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.transformer.TrainableEncoder;

/**
 * What a fine-tune job trains, on what, and how. Absent settings take the defaults below
 * (those of {@link TrainingSettings#defaults()} for the loop).
 *
 * @param model the name of the model to register the fine-tuned float32 tier as a new
 * version of; the int8 tier becomes a version of {@code <model>-int8}
 * @param datasetId the labelled data set
 * @param split only the data set's rows of this split; default every row
 * @param encoder the trainable encoder to start from ({@code all-minilm-l6-v2},
 * {@code bge-small-en-v1.5})
 * @param labels the classifier's labels in output order: the labels of the rows, each
 * once; default the data set's order
 * @param epochs passes over the rows trained on, 1 to 100; default 3
 * @param maxSteps the most optimiser steps, 0 for whole epochs; default 0
 * @param batchSize rows per step, 1 to 512; default 32
 * @param learningRate the peak learning rate, in {@code (0, 0.01]}; default 5e-5
 * @param warmup the share of the steps warming up, in {@code [0, 1)}; default 0.1
 * @param heldOut the share of each label's rows held out to evaluate on and keep the best
 * weights by, in {@code (0, 0.5]}; default 0.1
 * @param evaluateEvery steps between held-out evaluations, 0 for each epoch; default 0
 * @param checkpointEvery steps between checkpoints, 1 to 100000; default 200
 * @param layers train and export only the encoder's first layers (a shallow tier), 0 for
 * all; default 0
 * @param freezeWordEmbeddings whether to leave the word embeddings (most of a small
 * encoder's parameters) as they are, which makes steps and checkpoints cheaper; default
 * false
 * @param seed the seed of the held-out split, the order and dropout; default 42
 * @param int8 whether to register the int8 quantisation too; default true
 * @param description free text for the model versions, or {@code null}
 * @param cascade a cascade to put the float32 tier at the end of, calibrated (see
 * {@link CascadeExtension}), or {@code null}
 * @param teacher a teacher whose softened probabilities the rows trained on carry, mixed
 * with the labels in the loss: with {@code layers}, this trains the transformer student
 * of a distillation; {@code null} to train on the labels alone
 */
public record FineTuneParameters(@NotBlank String model, long datasetId, @Nullable String split,
		@NotBlank String encoder, @Nullable List<String> labels, @Nullable @Min(1) @Max(100) Integer epochs,
		@Nullable @Min(0) @Max(1_000_000) Long maxSteps, @Nullable @Min(1) @Max(512) Integer batchSize,
		@Nullable Double learningRate, @Nullable Double warmup, @Nullable Double heldOut,
		@Nullable @Min(0) @Max(100_000) Integer evaluateEvery, @Nullable @Min(1) @Max(100_000) Integer checkpointEvery,
		@Nullable @Min(0) @Max(48) Integer layers, @Nullable Boolean freezeWordEmbeddings, @Nullable Long seed,
		@Nullable Boolean int8, @Nullable String description, @Valid CascadeExtension.@Nullable Request cascade,
		@Valid @Nullable TeacherRequest teacher) {

	/** The default steps between checkpoints. */
	public static final int DEFAULT_CHECKPOINT_EVERY = 200;

	/** The default share of rows held out. */
	public static final double DEFAULT_HELD_OUT = 0.1;

	/**
	 * Checks the values a job would otherwise fail on later.
	 * @throws IllegalArgumentException if the encoder is unknown, a setting is out of
	 * range or the labels repeat
	 * @throws dev.tango.models.registry.InvalidRegistryRequestException if the model name
	 * breaks the registry's rule
	 */
	public void check() {
		RegistryNames.check("model", this.model);
		RegistryDescriptions.check(this.description);
		if (int8OrDefault()) {
			RegistryNames.check("model", this.model + "-int8");
		}
		TrainableEncoder trainable = TrainableEncoder.byId(this.encoder);
		if (layersOrDefault() > trainable.layers()) {
			throw new IllegalArgumentException("layers must lie in [0, " + trainable.layers() + "] for encoder '"
					+ this.encoder + "' (0 keeps every layer), was " + this.layers);
		}
		if (this.learningRate != null && !(this.learningRate > 0 && this.learningRate <= 0.01)) {
			throw new IllegalArgumentException("learningRate must lie in (0, 0.01], was " + this.learningRate);
		}
		if (this.warmup != null && !(this.warmup >= 0 && this.warmup < 1)) {
			throw new IllegalArgumentException("warmup must lie in [0, 1), was " + this.warmup);
		}
		if (this.heldOut != null && !(this.heldOut > 0 && this.heldOut <= 0.5)) {
			throw new IllegalArgumentException("heldOut must lie in (0, 0.5], was " + this.heldOut);
		}
		if (this.labels != null && (this.labels.size() < 2 || new HashSet<>(this.labels).size() != this.labels.size()
				|| this.labels.stream().anyMatch((label) -> label == null || label.isBlank()))) {
			throw new IllegalArgumentException(
					"labels must name at least two labels, each once and not blank, was " + this.labels);
		}
		if (this.teacher != null) {
			this.teacher.check();
		}
	}

	/**
	 * Checks the labels against the rows and returns the rows with the labels in the
	 * order asked for.
	 * @param rows the rows of the data set (or split)
	 * @return the rows with the classifier's labels
	 * @throws IllegalArgumentException if the labels asked for are not those of the rows,
	 * or the rows have fewer than two labels
	 */
	public LabelledDataset ordered(LabelledDataset rows) {
		checkLabels(rows.labels(), rows.name());
		return (this.labels != null) ? new LabelledDataset(rows.name(), rows.sha256(), rows.examples(), this.labels)
				: rows;
	}

	/**
	 * Checks, before the job is queued, the rows it would train on: their labels (as
	 * {@link #checkLabels}), and enough rows to hold a share out ({@code heldOut}) and,
	 * of the rest, a share for the linear probe's choice of regularisation, as
	 * {@link HeldOutSplit} will.
	 * @param counts the labels of the rows with their counts
	 * @param rows what the rows are, for messages
	 * @throws IllegalArgumentException if they cannot be trained on
	 */
	public void checkRows(List<Dataset.LabelCount> counts, String rows) {
		checkLabels(counts.stream().map(Dataset.LabelCount::label).toList(), rows);
		double probeShare = FitSettings.defaults().heldOutFraction();
		int heldOut = 0;
		int probeHeldOut = 0;
		for (Dataset.LabelCount count : counts) {
			int held = HeldOutSplit.heldOutCount(count.rows(), heldOutOrDefault());
			heldOut += held;
			probeHeldOut += HeldOutSplit.heldOutCount(count.rows() - held, probeShare);
		}
		if (heldOut == 0 || probeHeldOut == 0) {
			throw new IllegalArgumentException("The rows of " + rows + " are too few to hold rows out of (heldOut "
					+ heldOutOrDefault() + ", then " + probeShare + " of the rest for the linear probe): "
					+ Dataset.LabelCount.listed(counts) + "; add rows");
		}
	}

	/**
	 * Checks the labels asked for against those of the rows.
	 * @param present the labels of the rows
	 * @param rows what the rows are, for messages
	 * @throws IllegalArgumentException if the rows have fewer than two labels, or the
	 * labels asked for are not theirs
	 */
	public void checkLabels(List<String> present, String rows) {
		if (present.size() < 2) {
			throw new IllegalArgumentException(
					"The rows of " + rows + " have fewer than two labels " + present + ": a classifier needs two");
		}
		if (this.labels != null && !new HashSet<>(this.labels).equals(new HashSet<>(present))) {
			throw new IllegalArgumentException(
					"labels " + this.labels + " are not the labels of the rows of " + rows + ": " + present);
		}
	}

	/**
	 * Returns the loop's settings these parameters ask for, defaults filled in.
	 * @return the settings, checkpointing as asked, with the distillation loss when a
	 * teacher is given
	 */
	public TrainingSettings settings() {
		TrainingSettings defaults = TrainingSettings.defaults();
		TrainingSettings settings = (this.teacher != null) ? defaults.withLoss(
				ClassificationLoss.distillation(this.teacher.temperatureOrDefault(), this.teacher.alphaOrDefault()))
				: defaults;
		return settings
			.withLength(Objects.requireNonNullElse(this.epochs, defaults.epochs()),
					Objects.requireNonNullElse(this.maxSteps, defaults.maxSteps()))
			.withBatchSize(Objects.requireNonNullElse(this.batchSize, defaults.batchSize()))
			.withOptimiser(Objects.requireNonNullElse(this.learningRate, defaults.learningRate()),
					Objects.requireNonNullElse(this.warmup, defaults.warmupFraction()), defaults.weightDecay(),
					defaults.maxGradientNorm())
			.withEvaluation(Objects.requireNonNullElse(this.evaluateEvery, 0), 0)
			.withCheckpointEvery(Objects.requireNonNullElse(this.checkpointEvery, DEFAULT_CHECKPOINT_EVERY))
			.withSeed(Objects.requireNonNullElse(this.seed, defaults.seed()));
	}

	/**
	 * Returns the share of rows held out.
	 * @return the share
	 */
	public double heldOutOrDefault() {
		return Objects.requireNonNullElse(this.heldOut, DEFAULT_HELD_OUT);
	}

	/**
	 * Returns the layers trained.
	 * @return 0 for all
	 */
	public int layersOrDefault() {
		return Objects.requireNonNullElse(this.layers, 0);
	}

	/**
	 * Returns whether the word embeddings are left as they are.
	 * @return {@code false} unless asked otherwise
	 */
	public boolean freezeWordEmbeddingsOrDefault() {
		return Boolean.TRUE.equals(this.freezeWordEmbeddings);
	}

	/**
	 * Returns whether the int8 tier is registered.
	 * @return {@code true} unless asked otherwise
	 */
	public boolean int8OrDefault() {
		return !Boolean.FALSE.equals(this.int8);
	}

}
