package dev.tango.train.fit;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What each row of a training set should be classified as: a hard label, a teacher's
 * probability vector at a temperature, or both mixed. The one kind of target that
 * {@link SoftmaxRegression} fits; plain labels are the case without a teacher.
 *
 * <p>
 * A row's loss, with student scores {@code z}, hard weight {@code α} and temperature
 * {@code T}: <pre>
 * labelled row:    α · CE(e_y, softmax(z)) + (1 − α) · T² · CE(q, softmax(z / T))
 * unlabelled row:  T² · CE(q, softmax(z / T))
 * </pre> where {@code CE(t, p) = −Σ_c t_c log p_c}, {@code e_y} is the one-hot label and
 * {@code q} the teacher's probabilities at temperature {@code T}. The {@code T²} keeps
 * the soft term's gradient on the scale of the hard term's (Hinton et al., 2015). Without
 * a teacher {@code α = 1} and every row is labelled: the loss is the plain log-loss.
 *
 * @param labels each row's class in {@code [0, classes)}, or {@code -1} for a row without
 * a label (only with a teacher)
 * @param classes the number of classes, at least 2
 * @param teacher each row's teacher probabilities at {@code temperature} ({@code classes}
 * values summing to 1), or {@code null} for plain labels
 * @param alpha the weight of the hard label on labelled rows, in {@code [0, 1]}; 1
 * without a teacher
 * @param temperature the temperature {@code T > 0} of the teacher's probabilities, at
 * which the student's are compared with them; 1 without a teacher
 */
public record Targets(int[] labels, int classes, double @Nullable [][] teacher, double alpha, double temperature) {

	private static final double SUM_TOLERANCE = 1e-6;

	public Targets {
		Objects.requireNonNull(labels, "labels");
		if (classes < 2) {
			throw new IllegalArgumentException("At least 2 classes are needed, got " + classes);
		}
		if (!(alpha >= 0 && alpha <= 1)) {
			throw new IllegalArgumentException("alpha must lie in [0, 1], was " + alpha);
		}
		if (!(temperature > 0) || Double.isInfinite(temperature)) {
			throw new IllegalArgumentException("temperature must be a positive number, was " + temperature);
		}
		if (teacher == null && (alpha != 1 || temperature != 1)) {
			throw new IllegalArgumentException("Without a teacher alpha and temperature must be 1");
		}
		if (teacher != null && teacher.length != labels.length) {
			throw new IllegalArgumentException(teacher.length + " teacher rows for " + labels.length + " labels");
		}
		for (int i = 0; i < labels.length; i++) {
			if (labels[i] < -1 || labels[i] >= classes || (labels[i] == -1 && teacher == null)) {
				throw new IllegalArgumentException("Label " + labels[i] + " of row " + i + " outside [0, " + classes
						+ ")" + ((teacher == null) ? "" : " and not -1"));
			}
			if (teacher != null) {
				checkDistribution(teacher[i], classes, i);
			}
		}
	}

	/**
	 * Returns plain labels.
	 * @param labels each row's class in {@code [0, classes)}
	 * @param classes the number of classes
	 * @return the targets
	 */
	public static Targets hard(int[] labels, int classes) {
		return new Targets(labels, classes, null, 1, 1);
	}

	/**
	 * Returns a teacher's probabilities mixed with labels where rows have them.
	 * @param labels each row's class, or {@code -1} for none
	 * @param teacher each row's teacher probabilities at {@code temperature}
	 * @param alpha the weight of the hard label on labelled rows
	 * @param temperature the teacher's temperature
	 * @return the targets
	 */
	public static Targets distilled(int[] labels, double[][] teacher, double alpha, double temperature) {
		if (teacher.length == 0) {
			throw new IllegalArgumentException("No teacher rows");
		}
		return new Targets(labels, teacher[0].length, teacher, alpha, temperature);
	}

	/**
	 * Returns the number of rows.
	 * @return the count
	 */
	public int rows() {
		return this.labels.length;
	}

	/**
	 * Returns the targets of some rows.
	 * @param positions row indices
	 * @return the targets of those rows, in that order
	 */
	public Targets select(int[] positions) {
		int[] selectedLabels = HeldOutSplit.select(this.labels, positions);
		double[][] selectedTeacher = null;
		if (this.teacher != null) {
			selectedTeacher = new double[positions.length][];
			for (int i = 0; i < positions.length; i++) {
				selectedTeacher[i] = this.teacher[positions[i]];
			}
		}
		return new Targets(selectedLabels, this.classes, selectedTeacher, this.alpha, this.temperature);
	}

	/**
	 * Returns one row's loss for the student's scores and writes its gradient with
	 * respect to the scores.
	 * @param row the row
	 * @param z the student's scores, {@code classes} values; left unchanged
	 * @param gradient receives {@code ∂loss/∂z}, {@code classes} values
	 * @param scratch {@code classes} values of working space
	 * @return the row's loss
	 */
	double loss(int row, double[] z, double[] gradient, double[] scratch) {
		Arrays.fill(gradient, 0.0);
		double loss = 0;
		int label = this.labels[row];
		double hardWeight = (label >= 0) ? this.alpha : 0;
		if (hardWeight > 0) {
			System.arraycopy(z, 0, scratch, 0, this.classes);
			double logSum = SoftmaxObjective.softmaxInPlace(scratch);
			loss += hardWeight * (logSum - z[label]);
			for (int c = 0; c < this.classes; c++) {
				gradient[c] += hardWeight * scratch[c];
			}
			gradient[label] -= hardWeight;
		}
		double softWeight = (label >= 0) ? 1 - this.alpha : 1;
		if (this.teacher != null && softWeight > 0) {
			double t = this.temperature;
			double[] q = this.teacher[row];
			double dot = 0;
			for (int c = 0; c < this.classes; c++) {
				scratch[c] = z[c] / t;
				dot += q[c] * scratch[c];
			}
			double logSum = SoftmaxObjective.softmaxInPlace(scratch);
			loss += softWeight * t * t * (logSum - dot);
			for (int c = 0; c < this.classes; c++) {
				gradient[c] += softWeight * t * (scratch[c] - q[c]);
			}
		}
		return loss;
	}

	private static void checkDistribution(double[] p, int classes, int row) {
		if (p == null || p.length != classes) {
			throw new IllegalArgumentException("Teacher row " + row + " does not have " + classes + " probabilities");
		}
		double sum = 0;
		for (double v : p) {
			if (!(v >= 0 && v <= 1)) {
				throw new IllegalArgumentException("Teacher row " + row + " has a probability outside [0, 1]: " + v);
			}
			sum += v;
		}
		if (Math.abs(sum - 1) > SUM_TOLERANCE) {
			throw new IllegalArgumentException("Teacher row " + row + " sums to " + sum + ", not 1");
		}
	}

}
