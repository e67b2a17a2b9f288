package dev.tango.train.distil;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.LabelledDataset;
import dev.tango.runtime.data.TierRunner;
import dev.tango.runtime.head.Distillation;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadKind;
import dev.tango.runtime.head.LexicalSpec;
import dev.tango.runtime.head.TrainingProvenance;
import dev.tango.train.fit.FitProgress;
import dev.tango.train.fit.HeadFitter;
import dev.tango.train.fit.HeldOutSplit;
import dev.tango.train.fit.L2Selection;
import dev.tango.train.fit.LexicalRows;
import dev.tango.train.fit.SoftmaxRegression;
import dev.tango.train.fit.Targets;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distils a teacher into a lexical head: the head the lexical tier serves (hashed word
 * n-grams, linear softmax), fitted on the teacher's probabilities softened at a
 * temperature, mixed with the labels ({@link Targets}).
 *
 * <p>
 * Procedure: the teacher scores the labelled texts and the unlabelled ones; a stratified,
 * seeded split holds out a share of the labelled rows ({@link HeldOutSplit}; unlabelled
 * rows are always trained on); with {@link DistilSettings#augment()}, variants of the
 * rows trained on ({@link TextAugmenter}; never of held-out rows, which would leak them
 * into the figures held out) are scored by the teacher and trained on as unlabelled rows;
 * the L2 strength with the lowest held-out distillation loss is chosen and the head
 * refitted on all rows ({@link L2Selection}), as heads fitted on labels are. The head's
 * labels are the teacher's, in its order, so that it can stand before the teacher in a
 * cascade. Deterministic for a seed and the teacher's outputs.
 */
public final class LexicalDistiller {

	private static final Logger logger = LoggerFactory.getLogger(LexicalDistiller.class);

	private LexicalDistiller() {
	}

	/**
	 * Distils a head.
	 * @param labelled the labelled texts; every label must be one of the teacher's
	 * @param unlabelled more texts for the teacher to label, or {@code null}
	 * @param teacher the teacher
	 * @param spec the student's feature settings
	 * @param settings temperature, alpha and fitting settings
	 * @param progress told how far the teacher's scoring has got
	 * @return the result, with the head file to write
	 * @throws dev.tango.core.tier.TierException if the teacher fails
	 */
	public static DistilResult distil(LabelledDataset labelled, @Nullable UnlabelledTexts unlabelled, Teacher teacher,
			LexicalSpec spec, DistilSettings settings, TierRunner.Progress progress) {
		Objects.requireNonNull(teacher, "teacher");
		List<String> labels = teacher.labels();
		int classes = labels.size();
		LexicalRows.requireHeadFits(spec, classes);
		int[] truth = truth(labelled, labels);
		HeldOutSplit labelledSplit = HeldOutSplit.stratified(truth, classes, settings.fit().heldOutFraction(),
				settings.fit().seed());
		if (labelledSplit.heldOut().length == 0) {
			throw new IllegalArgumentException("Data set " + labelled.name() + " is too small to hold rows out");
		}
		List<TextInput> texts = new ArrayList<>(labelled.inputs());
		if (unlabelled != null) {
			texts.addAll(unlabelled.inputs());
		}
		int originals = texts.size();
		texts.addAll(settings.augmenter()
			.augment(texts, withUnlabelledTrained(labelledSplit, truth.length, originals).train()));
		int augmented = texts.size() - originals;
		long start = System.nanoTime();
		double[][] softened = teacher.probabilities(texts, settings.temperature(), progress);
		Duration teacherTime = Duration.ofNanos(System.nanoTime() - start);
		start = System.nanoTime();
		int[] rowLabels = new int[texts.size()];
		Arrays.fill(rowLabels, -1);
		System.arraycopy(truth, 0, rowLabels, 0, truth.length);
		HeldOutSplit split = withUnlabelledTrained(labelledSplit, truth.length, texts.size());
		LexicalRows features = LexicalRows.of(spec, texts);
		Targets targets = Targets.distilled(rowLabels, softened, settings.alpha(), settings.temperature());
		L2Selection selection = L2Selection.choose(features.rows(), targets, split, settings.fit().l2Grid(),
				settings.fit().optimizer(), FitProgress.NONE);
		double[][] heldOutStudent = SoftmaxRegression.probabilities(selection.heldOutModel(),
				features.rows().select(split.heldOut()));
		int[] heldOut = split.heldOut();
		int[] heldOutTruth = new int[heldOut.length];
		int[] teacherPredicted = new int[heldOut.length];
		int[] studentPredicted = new int[heldOut.length];
		for (int k = 0; k < heldOut.length; k++) {
			heldOutTruth[k] = truth[heldOut[k]];
			teacherPredicted[k] = DistillationRecord.predicted(softened[heldOut[k]]);
			studentPredicted[k] = DistillationRecord.predicted(heldOutStudent[k]);
		}
		Duration fitTime = Duration.ofNanos(System.nanoTime() - start);
		Distillation distillation = DistillationRecord.of(teacher, settings.temperature(), settings.alpha(), unlabelled,
				settings.augment(), augmented, heldOutTruth, teacherPredicted, studentPredicted, teacherTime, fitTime);
		double agreement = distillation.heldOutAgreement();
		double teacherAccuracy = distillation.teacherHeldOutAccuracy();
		var chosen = selection.chosen();
		TrainingProvenance provenance = new TrainingProvenance(labelled.name(), labelled.sha256(), labelled.size(),
				split.heldOut().length, settings.fit().seed(), chosen.l2(),
				selection.grid().stream().map((point) -> point.l2()).toList(), chosen.heldOutAccuracy(),
				chosen.heldOutLogLoss(),
				settings.fit().optimizer().describe()
						+ "; distilled (teacher's softened probabilities mixed with the labels), "
						+ "L2 chosen by held-out distillation loss, then refitted on all rows",
				settings.fit().command(), Instant.now(), HeadFitter.libraries(false), distillation);
		HeadFile head = new HeadFile(HeadKind.LEXICAL_LINEAR, features.head(labels, selection.model()), null, spec,
				provenance);
		logger.info(
				"Distilled {} head from {} on {} labelled and {} unlabelled rows (T {}, alpha {}): l2 {}, "
						+ "held-out accuracy {}, agreement with the teacher {}",
				HeadKind.LEXICAL_LINEAR.id(), teacher.id(), labelled.size(), texts.size() - labelled.size(),
				settings.temperature(), settings.alpha(), chosen.l2(), String.format("%.4f", chosen.heldOutAccuracy()),
				String.format("%.4f", agreement));
		return new DistilResult(head, chosen.l2(), chosen.heldOutAccuracy(), agreement, teacherAccuracy,
				selection.grid(), texts.size(), teacherTime, fitTime);
	}

	/**
	 * Returns each labelled row's label as an index into the teacher's labels.
	 * @throws IllegalArgumentException if a label is not one of the teacher's
	 */
	private static int[] truth(LabelledDataset data, List<String> labels) {
		int[] truth = data.labelIndices(labels, -1);
		for (int i = 0; i < truth.length; i++) {
			if (truth[i] < 0) {
				throw new IllegalArgumentException("Label '" + data.examples().get(i).label() + "' of " + data.name()
						+ " is not one of the teacher's " + labels);
			}
		}
		return truth;
	}

	private static HeldOutSplit withUnlabelledTrained(HeldOutSplit labelled, int labelledRows, int rows) {
		int[] train = new int[labelled.train().length + rows - labelledRows];
		System.arraycopy(labelled.train(), 0, train, 0, labelled.train().length);
		for (int i = labelledRows; i < rows; i++) {
			train[labelled.train().length + i - labelledRows] = i;
		}
		return new HeldOutSplit(train, labelled.heldOut());
	}

}
