package dev.tango.train.finetune;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.LabelledExample;
import dev.tango.train.distil.Teacher;
import dev.tango.train.distil.TextAugmenter;
import dev.tango.train.distil.UnlabelledTexts;
import dev.tango.train.fit.HeldOutSplit;
import dev.tango.train.loop.ClassificationLoss;
import dev.tango.train.loop.ExampleEncoder;
import dev.tango.train.loop.TrainingData;
import dev.tango.train.loop.TrainingExample;
import dev.tango.train.loop.TrainingListener;

/**
 * The rows of a fine-tuning run: those trained on and those held out (the dev set, or a
 * stratified {@link HeldOutSplit} of the training rows seeded by the run's seed), and
 * both tokenised for the trainer; with a teacher, the rows trained on carry its softened
 * probabilities, and the request's unlabelled texts, then the augmented variants of the
 * rows trained on and of the unlabelled texts, follow them with the teacher's
 * probabilities alone.
 *
 * @param labels the classes, in the classifier's order
 * @param trainRows the labelled rows trained on
 * @param heldOutRows the rows held out
 * @param training the tokenised examples
 * @param augmentedRows how many of them are augmented variants
 * @param teacherTime the wall time the teacher spent scoring, zero without one
 */
record FineTuneData(List<String> labels, LabelledDataset trainRows, LabelledDataset heldOutRows, TrainingData training,
		int augmentedRows, Duration teacherTime) {

	/**
	 * Splits and tokenises a request's rows.
	 * @param request the request
	 * @param encoder tokenises with the encoder's tokenizer
	 * @param listener told how far the teacher's scoring has got; may throw to stop it
	 * @return the data
	 * @throws IllegalArgumentException if a dev row has a label the training rows lack
	 */
	static FineTuneData of(FineTuneRequest request, ExampleEncoder encoder, TrainingListener listener) {
		LabelledDataset train = request.train();
		List<String> labels = train.labels();
		LabelledDataset fit = train;
		int[] trainedRows = IntStream.range(0, train.size()).toArray();
		LabelledDataset heldOut = request.dev();
		if (heldOut == null) {
			HeldOutSplit split = HeldOutSplit.stratified(train.labelIndices(), labels.size(), request.heldOutFraction(),
					request.settings().seed());
			String suffix = "held out " + request.heldOutFraction() + " seed " + request.settings().seed();
			trainedRows = split.train();
			fit = subset(train, trainedRows, "[train, " + suffix + "]");
			heldOut = subset(train, split.heldOut(), "[" + suffix + "]");
		}
		List<TextInput> augmented = augmentedVariants(request, trainedRows);
		long start = System.nanoTime();
		List<TrainingExample> examples = trainingExamples(request, fit, augmented, encoder, listener);
		Duration teacherTime = (request.teacher() != null) ? Duration.ofNanos(System.nanoTime() - start)
				: Duration.ZERO;
		TrainingData training = new TrainingData(examples, encoder.labelled(heldOut, labels), labels.size(),
				encoder.padId());
		return new FineTuneData(labels, fit, heldOut, training, augmented.size(), teacherTime);
	}

	/**
	 * Returns the variants of the labelled rows trained on and of the unlabelled texts,
	 * numbered as {@link dev.tango.train.distil.LexicalDistiller} numbers them (a
	 * labelled row by its position in the training set, the unlabelled texts after them),
	 * so that the same seed gives a row the same variants for either student.
	 */
	private static List<TextInput> augmentedVariants(FineTuneRequest request, int[] trainedRows) {
		if (request.augment() == 0) {
			return List.of();
		}
		List<TextInput> texts = new ArrayList<>(request.train().inputs());
		int labelled = texts.size();
		UnlabelledTexts unlabelled = request.unlabelled();
		if (unlabelled != null) {
			texts.addAll(unlabelled.inputs());
		}
		int[] rows = IntStream.concat(Arrays.stream(trainedRows), IntStream.range(labelled, texts.size())).toArray();
		return new TextAugmenter(request.augment(), request.settings().seed()).augment(texts, rows);
	}

	/**
	 * Returns the examples trained on: hard labels, or with a teacher the teacher's
	 * probabilities at the loss's temperature (and the hard labels when the loss weighs
	 * them), followed by the unlabelled texts and the augmented variants with the
	 * teacher's probabilities alone.
	 */
	private static List<TrainingExample> trainingExamples(FineTuneRequest request, LabelledDataset fit,
			List<TextInput> augmented, ExampleEncoder encoder, TrainingListener listener) {
		Teacher teacher = request.teacher();
		if (teacher == null) {
			return encoder.labelled(fit, fit.labels());
		}
		ClassificationLoss loss = request.settings().loss();
		List<TextInput> texts = new ArrayList<>(fit.inputs());
		UnlabelledTexts unlabelled = request.unlabelled();
		if (unlabelled != null) {
			texts.addAll(unlabelled.inputs());
		}
		texts.addAll(augmented);
		double[][] probabilities = teacher.probabilities(texts, loss.temperature(), listener::onTeacherProgress);
		List<float[]> targets = new ArrayList<>(probabilities.length);
		for (double[] row : probabilities) {
			float[] target = new float[row.length];
			for (int c = 0; c < row.length; c++) {
				target[c] = (float) row[c];
			}
			targets.add(target);
		}
		int[] labels = null;
		if (loss.hardWeight() > 0) {
			labels = new int[texts.size()];
			Arrays.fill(labels, TrainingExample.UNLABELLED);
			System.arraycopy(fit.labelIndices(), 0, labels, 0, fit.size());
		}
		return encoder.distilled(texts, targets, labels);
	}

	private static LabelledDataset subset(LabelledDataset data, int[] rows, String part) {
		List<LabelledExample> examples = Arrays.stream(rows).mapToObj(data.examples()::get).toList();
		return new LabelledDataset(data.name() + part, Sha256.ofUtf8(data.sha256() + part), examples, data.labels());
	}

}
