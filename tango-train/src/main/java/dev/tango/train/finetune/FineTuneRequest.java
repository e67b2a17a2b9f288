package dev.tango.train.finetune;

import java.nio.file.Path;
import java.util.Objects;

import dev.tango.core.settings.InvalidSettingException;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.encoder.BundledEncoder;
import dev.tango.train.distil.Teacher;
import dev.tango.train.distil.UnlabelledTexts;
import dev.tango.train.loop.TrainingSettings;
import dev.tango.train.transformer.TrainableEncoder;
import org.jspecify.annotations.Nullable;

/**
 * What to fine-tune, on what, and how.
 *
 * @param name the fine-tuned encoder's id, which names its files and its tier: letters,
 * digits, dots, dashes and underscores, not the id of a bundled encoder
 * @param encoder the encoder to start from
 * @param train the labelled training rows (single texts or pairs); its labels, in their
 * sorted order, are the classifier's
 * @param dev labelled rows held out to evaluate, stop early and keep the best weights by,
 * or {@code null} to hold out {@code heldOutFraction} of {@code train} instead
 * @param heldOutFraction the share of each label of {@code train} held out when
 * {@code dev} is {@code null}, in {@code (0, 1)}
 * @param settings how to train; its seed also seeds the held-out split
 * @param dropout the dropout probability in training, in {@code [0, 1)}
 * @param freezeWordEmbeddings whether the word embeddings (most of a small encoder's
 * parameters) are left as they are
 * @param layers how many of the encoder's first layers to keep and train (a shallow
 * student, exported through {@link dev.tango.train.onnx.EncoderTruncation}), or 0 for all
 * @param checkpointDirectory where checkpoints are written and resumed from, or
 * {@code null} for none
 * @param teacher for distillation: the model whose probabilities over the training texts,
 * softened at the temperature of the settings' loss, are the targets (mixed with the hard
 * labels by the loss's weight); its labels must be the training rows'. {@code null} to
 * train on the hard labels alone
 * @param command the command line or call to record in the provenance, or {@code null}
 * @param unlabelled for distillation: more texts the teacher labels, trained on with its
 * probabilities alone (as the lexical student is), or {@code null} for none; only with a
 * teacher
 * @param augment for distillation: how many augmented variants
 * ({@link dev.tango.train.distil.TextAugmenter}, seeded by the settings' seed) of each
 * labelled text trained on and each unlabelled text, which the teacher labels and the
 * student trains on with its probabilities alone, as for the lexical student; never of
 * held-out rows, which would leak them into the held-out figures. {@code >= 0}; above 0
 * only with a teacher
 */
public record FineTuneRequest(String name, TrainableEncoder encoder, LabelledDataset train,
		@Nullable LabelledDataset dev, double heldOutFraction, TrainingSettings settings, float dropout,
		boolean freezeWordEmbeddings, int layers, @Nullable Path checkpointDirectory, @Nullable Teacher teacher,
		@Nullable String command, @Nullable UnlabelledTexts unlabelled, int augment) {

	/** The share of the training rows held out when no dev set is given, by default. */
	public static final double DEFAULT_HELD_OUT_FRACTION = 0.1;

	/** The dropout of BERT-style fine-tuning. */
	public static final float DEFAULT_DROPOUT = 0.1f;

	public FineTuneRequest {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(encoder, "encoder");
		Objects.requireNonNull(train, "train");
		Objects.requireNonNull(settings, "settings");
		if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
			throw new IllegalArgumentException(
					"The name '" + name + "' must be letters, digits, '.', '-' and '_', at most 100");
		}
		if (BundledEncoder.byId(name).isPresent()) {
			throw new IllegalArgumentException("The name '" + name + "' is a bundled encoder's id");
		}
		InvalidSettingException.require(dev != null || (heldOutFraction > 0 && heldOutFraction < 1), "heldOutFraction",
				"must lie in (0, 1)", heldOutFraction);
		InvalidSettingException.require(dropout >= 0 && dropout < 1, "dropout", "must lie in [0, 1)", dropout);
		InvalidSettingException.require(layers >= 0, "layers", "must be 0 (all) or positive", layers);
		if (train.labels().size() < 2) {
			throw new IllegalArgumentException(train.name() + " has fewer than 2 labels");
		}
		if (teacher != null && !teacher.labels().equals(train.labels())) {
			throw new IllegalArgumentException(
					"The teacher's labels " + teacher.labels() + " are not the training rows' " + train.labels());
		}
		if (unlabelled != null && teacher == null) {
			throw new IllegalArgumentException("Unlabelled texts need a teacher to label them");
		}
		InvalidSettingException.require(augment >= 0, "augment", "must be 0 or more", augment);
		if (augment > 0 && teacher == null) {
			throw new IllegalArgumentException("Augmented texts need a teacher to label them");
		}
	}

	/**
	 * Returns a request with the defaults: {@value #DEFAULT_HELD_OUT_FRACTION} of the
	 * training rows held out unless a dev set is given, dropout
	 * {@value #DEFAULT_DROPOUT}, word embeddings trained, all layers, no checkpoints, no
	 * teacher, no command, no augmentation.
	 * @param name the fine-tuned encoder's id
	 * @param encoder the encoder to start from
	 * @param train the training rows
	 * @param dev the held-out rows, or {@code null}
	 * @param settings how to train
	 * @return the request
	 */
	public static FineTuneRequest of(String name, TrainableEncoder encoder, LabelledDataset train,
			@Nullable LabelledDataset dev, TrainingSettings settings) {
		return new FineTuneRequest(name, encoder, train, dev, DEFAULT_HELD_OUT_FRACTION, settings, DEFAULT_DROPOUT,
				false, 0, null, null, null, null, 0);
	}

	/**
	 * Returns this request resuming from and checkpointing to a directory.
	 * @param directory the checkpoint directory
	 * @return the request
	 */
	public FineTuneRequest withCheckpoints(Path directory) {
		return new FineTuneRequest(this.name, this.encoder, this.train, this.dev, this.heldOutFraction, this.settings,
				this.dropout, this.freezeWordEmbeddings, this.layers, directory, this.teacher, this.command,
				this.unlabelled, this.augment);
	}

	/**
	 * Returns this request with more texts for the teacher to label.
	 * @param texts the texts
	 * @return the request
	 * @throws IllegalArgumentException if the request has no teacher
	 */
	public FineTuneRequest withUnlabelled(UnlabelledTexts texts) {
		return new FineTuneRequest(this.name, this.encoder, this.train, this.dev, this.heldOutFraction, this.settings,
				this.dropout, this.freezeWordEmbeddings, this.layers, this.checkpointDirectory, this.teacher,
				this.command, texts, this.augment);
	}

}
