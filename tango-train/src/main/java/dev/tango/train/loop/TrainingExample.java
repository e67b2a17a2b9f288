package dev.tango.train.loop;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One tokenised training example and what the model should predict for it.
 *
 * <p>
 * The target is a class index ({@code label}), a probability vector ({@code teacher}: a
 * teacher's probabilities softened at the distillation temperature, see
 * {@link ClassificationLoss#softmax}), or both (distillation mixed with hard labels). The
 * arrays are owned by the example once built and never modified.
 *
 * @param ids the token ids, special tokens included, at least one
 * @param typeIds the token type ids (0 for the first text, 1 for the second of a pair),
 * as many as ids
 * @param label the class index, or {@link #UNLABELLED}
 * @param teacher the teacher's probabilities over the classes (non-negative, summing to 1
 * within 1e-3), or {@code null}
 */
public record TrainingExample(long[] ids, long[] typeIds, int label, float @Nullable [] teacher) {

	/** The {@code label} of an example that has none. */
	public static final int UNLABELLED = -1;

	public TrainingExample {
		if (ids.length == 0 || ids.length != typeIds.length) {
			throw new IllegalArgumentException(
					"ids and typeIds must be non-empty and equally long: " + ids.length + ", " + typeIds.length);
		}
		if (label < UNLABELLED) {
			throw new IllegalArgumentException("label must be a class index or UNLABELLED, was " + label);
		}
		if (label == UNLABELLED && teacher == null) {
			throw new IllegalArgumentException("An example needs a label, teacher probabilities or both");
		}
		if (teacher != null) {
			double sum = 0;
			for (float p : teacher) {
				if (!(p >= 0)) {
					throw new IllegalArgumentException("Teacher probabilities must be non-negative: " + p);
				}
				sum += p;
			}
			if (Math.abs(sum - 1) > 1e-3) {
				throw new IllegalArgumentException("Teacher probabilities must sum to 1, sum to " + sum);
			}
			if (label >= teacher.length) {
				throw new IllegalArgumentException("label " + label + " is not one of " + teacher.length + " classes");
			}
		}
	}

	/**
	 * Returns the number of tokens.
	 * @return the length, special tokens included
	 */
	public int length() {
		return this.ids.length;
	}

	/**
	 * Returns whether the example has a class index.
	 * @return {@code true} unless {@link #UNLABELLED}
	 */
	public boolean labelled() {
		return this.label != UNLABELLED;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof TrainingExample that && Arrays.equals(this.ids, that.ids)
				&& Arrays.equals(this.typeIds, that.typeIds) && this.label == that.label
				&& Arrays.equals(this.teacher, that.teacher);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * (31 * Arrays.hashCode(this.ids) + Arrays.hashCode(this.typeIds)) + this.label)
				+ Arrays.hashCode(this.teacher);
	}

	@Override
	public String toString() {
		return "TrainingExample[length=" + this.ids.length + ", label=" + this.label + ", teacher="
				+ Arrays.toString(this.teacher) + "]";
	}

}
