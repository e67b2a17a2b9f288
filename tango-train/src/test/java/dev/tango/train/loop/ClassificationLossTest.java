package dev.tango.train.loop;

import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The loss on the PyTorch engine against the same formulas computed here in double
 * precision.
 */
class ClassificationLossTest {

	private static final float[][] LOGITS = { { 2.0f, -1.0f, 0.5f }, { -0.3f, 0.8f, 0.1f } };

	private static final int[] LABELS = { 0, 2 };

	private static final float[][] TEACHER = { { 0.7f, 0.1f, 0.2f }, { 0.2f, 0.5f, 0.3f } };

	@Test
	void hardLabelsGiveTheMeanCrossEntropy() {
		double expected = 0;
		for (int i = 0; i < 2; i++) {
			expected -= Math.log(ClassificationLoss.softmax(LOGITS[i], 1)[LABELS[i]]) / 2;
		}
		assertThat(loss(ClassificationLoss.hardLabels(), false)).isCloseTo(expected, within(1e-5));
	}

	@Test
	void softTargetsGiveTheTemperatureScaledCrossEntropyMixedWithHardLabels() {
		double temperature = 2;
		double soft = 0;
		double hard = 0;
		for (int i = 0; i < 2; i++) {
			float[] student = ClassificationLoss.softmax(LOGITS[i], temperature);
			for (int c = 0; c < 3; c++) {
				soft -= TEACHER[i][c] * Math.log(student[c]) / 2;
			}
			hard -= Math.log(ClassificationLoss.softmax(LOGITS[i], 1)[LABELS[i]]) / 2;
		}
		assertThat(loss(ClassificationLoss.distillation(temperature, 0), true)).isCloseTo(4 * soft, within(1e-5));
		assertThat(loss(ClassificationLoss.distillation(temperature, 0.25), true))
			.isCloseTo(0.25 * hard + 0.75 * 4 * soft, within(1e-5));
	}

	@Test
	void aTextOnlyTheTeacherLabelledHasTheSoftTermAloneBesideALabelledOne() {
		double temperature = 2;
		double alpha = 0.25;
		double[] soft = new double[2];
		for (int i = 0; i < 2; i++) {
			float[] student = ClassificationLoss.softmax(LOGITS[i], temperature);
			for (int c = 0; c < 3; c++) {
				soft[i] -= 4 * TEACHER[i][c] * Math.log(student[c]);
			}
		}
		double hard = -Math.log(ClassificationLoss.softmax(LOGITS[0], 1)[LABELS[0]]);
		double expected = ((alpha * hard + (1 - alpha) * soft[0]) + soft[1]) / 2;

		assertThat(loss(ClassificationLoss.distillation(temperature, alpha),
				new int[] { LABELS[0], TrainingExample.UNLABELLED }, true))
			.isCloseTo(expected, within(1e-5));
		assertThat(loss(ClassificationLoss.distillation(temperature, alpha),
				new int[] { TrainingExample.UNLABELLED, TrainingExample.UNLABELLED }, true))
			.isCloseTo((soft[0] + soft[1]) / 2, within(1e-5));
	}

	@Test
	void softmaxAtATemperatureSoftensAndSumsToOne() {
		float[] sharp = ClassificationLoss.softmax(new float[] { 4, 0 }, 1);
		float[] soft = ClassificationLoss.softmax(new float[] { 4, 0 }, 4);
		assertThat(sharp[0]).isCloseTo((float) (1 / (1 + Math.exp(-4))), within(1e-6f));
		assertThat(soft[0]).isCloseTo((float) (1 / (1 + Math.exp(-1))), within(1e-6f));
		assertThat(soft[0] + soft[1]).isCloseTo(1f, within(1e-6f));
	}

	private static double loss(ClassificationLoss loss, boolean withTeacher) {
		return loss(loss, LABELS, withTeacher);
	}

	private static double loss(ClassificationLoss loss, int[] labels, boolean withTeacher) {
		List<TrainingExample> examples = List.of(
				new TrainingExample(new long[] { 1 }, new long[] { 0 }, labels[0], withTeacher ? TEACHER[0] : null),
				new TrainingExample(new long[] { 2 }, new long[] { 0 }, labels[1], withTeacher ? TEACHER[1] : null));
		try (NDManager manager = Engine.getEngine("PyTorch").newBaseManager()) {
			BatchTensors batch = BatchTensors.of(manager, examples, new int[] { 0, 1 }, 0, 3);
			NDArray logits = manager.create(
					new float[] { LOGITS[0][0], LOGITS[0][1], LOGITS[0][2], LOGITS[1][0], LOGITS[1][1], LOGITS[1][2] },
					new Shape(2, 3));
			return loss.compute(logits, batch).getFloat();
		}
	}

}
