package dev.tango.admin.training;

import java.util.HashSet;
import java.util.List;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.data.TierRunner;
import dev.tango.train.distil.Teacher;

/**
 * A teacher whose probabilities come in another order of the same labels: the order of
 * the rows a student is trained on, which a fine-tune's student must share with its
 * teacher (a fine-tune asked for {@code labels: ["1", "0"]} taught by a tier of
 * {@code [0, 1]}). Each row of probabilities is the teacher's, its columns permuted; its
 * id is the teacher's.
 *
 * @param teacher the teacher, in its own order
 * @param labels the same labels in the order wanted
 * @param columns for each label wanted, its column among the teacher's
 */
record LabelOrderedTeacher(Teacher teacher, List<String> labels, int[] columns) implements Teacher {

	/**
	 * Returns a teacher in the order of some labels: the teacher itself when it has them
	 * in that order already or has other labels (which the training then refuses, naming
	 * both), else its probabilities permuted into that order.
	 * @param teacher the teacher
	 * @param labels the labels in the order wanted
	 * @return the teacher to train with
	 */
	static Teacher of(Teacher teacher, List<String> labels) {
		List<String> own = teacher.labels();
		if (own.equals(labels) || own.size() != labels.size() || !new HashSet<>(own).equals(new HashSet<>(labels))) {
			return teacher;
		}
		return new LabelOrderedTeacher(teacher, List.copyOf(labels), labels.stream().mapToInt(own::indexOf).toArray());
	}

	@Override
	public String id() {
		return this.teacher.id();
	}

	@Override
	public double[][] probabilities(List<TextInput> inputs, double temperature, TierRunner.Progress progress) {
		double[][] own = this.teacher.probabilities(inputs, temperature, progress);
		double[][] ordered = new double[own.length][this.columns.length];
		for (int i = 0; i < own.length; i++) {
			for (int k = 0; k < this.columns.length; k++) {
				ordered[i][k] = own[i][this.columns[k]];
			}
		}
		return ordered;
	}

}
