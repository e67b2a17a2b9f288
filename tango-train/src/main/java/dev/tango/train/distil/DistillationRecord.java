package dev.tango.train.distil;

import java.time.Duration;
import java.util.Objects;

import dev.tango.runtime.head.Distillation;
import org.jspecify.annotations.Nullable;

/**
 * Makes the {@link Distillation} a distilled student's head records, the same for every
 * kind of student (lexical, transformer): the teacher, temperature and weight of the
 * labels, the unlabelled texts and their SHA-256, and how the teacher and the student
 * compare on the held-out labelled rows. Stateless.
 */
public final class DistillationRecord {

	private DistillationRecord() {
	}

	/**
	 * Makes the record.
	 * @param teacher the teacher
	 * @param temperature the temperature of its softened probabilities
	 * @param alpha the weight of the hard labels
	 * @param unlabelled the unlabelled texts trained on, or {@code null}
	 * @param augmentPerText the augmented variants asked of each text fitted on (0: none)
	 * @param augmentedRows the augmented variants trained on
	 * @param truth each held-out labelled row's class index
	 * @param teacherPredicted the teacher's predicted class of each held-out row
	 * @param studentPredicted the student's predicted class of each held-out row (of the
	 * student fitted without them)
	 * @param teacherTime the wall time spent scoring with the teacher
	 * @param fitTime the wall time spent fitting the student
	 * @return the record
	 * @throws IllegalArgumentException if the arrays differ in length or are empty
	 */
	public static Distillation of(Teacher teacher, double temperature, double alpha,
			@Nullable UnlabelledTexts unlabelled, int augmentPerText, int augmentedRows, int[] truth,
			int[] teacherPredicted, int[] studentPredicted, Duration teacherTime, Duration fitTime) {
		Objects.requireNonNull(teacher, "teacher");
		if (truth.length == 0 || teacherPredicted.length != truth.length || studentPredicted.length != truth.length) {
			throw new IllegalArgumentException("Need one teacher and one student prediction per held-out row: "
					+ truth.length + " rows, " + teacherPredicted.length + " and " + studentPredicted.length);
		}
		int teacherRight = 0;
		int agree = 0;
		for (int i = 0; i < truth.length; i++) {
			teacherRight += (teacherPredicted[i] == truth[i]) ? 1 : 0;
			agree += (studentPredicted[i] == teacherPredicted[i]) ? 1 : 0;
		}
		return new Distillation(teacher.id(), temperature, alpha, (unlabelled != null) ? unlabelled.name() : null,
				(unlabelled != null) ? unlabelled.sha256() : null, (unlabelled != null) ? unlabelled.size() : 0,
				augmentPerText, augmentedRows, (double) teacherRight / truth.length, (double) agree / truth.length,
				seconds(teacherTime), seconds(fitTime));
	}

	/**
	 * Returns the class a row of scores predicts.
	 * @param scores probabilities or logits, at least one
	 * @return the index of the largest, the first of equals
	 */
	public static int predicted(double[] scores) {
		int best = 0;
		for (int c = 1; c < scores.length; c++) {
			if (scores[c] > scores[best]) {
				best = c;
			}
		}
		return best;
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
