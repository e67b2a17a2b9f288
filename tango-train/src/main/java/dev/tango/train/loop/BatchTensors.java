package dev.tango.train.loop;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.jspecify.annotations.Nullable;

/**
 * One batch as the block and the loss read it, in a caller's (step-scoped) manager.
 *
 * @param inputs {@code [inputIds, attentionMask, tokenTypeIds]}, each
 * {@code int64 (batch, longest)}, padded with the pad id under a mask of 0
 * @param labels the class indices, {@code int64 (batch)},
 * {@link TrainingExample#UNLABELLED} for examples without one, or {@code null} when none
 * has one
 * @param teacher the teacher probabilities, {@code float32 (batch, classes)}, or
 * {@code null} when the examples have none
 */
record BatchTensors(NDList inputs, @Nullable NDArray labels, @Nullable NDArray teacher) {

	/**
	 * Builds a batch; the examples all have teacher probabilities or none do, and without
	 * them all are labelled ({@link TrainingData} checks it).
	 */
	static BatchTensors of(NDManager manager, List<TrainingExample> examples, int[] members, long padId, int classes) {
		int size = members.length;
		int longest = 1;
		for (int member : members) {
			longest = Math.max(longest, examples.get(member).length());
		}
		long[] ids = new long[size * longest];
		long[] mask = new long[size * longest];
		long[] types = new long[size * longest];
		TrainingExample first = examples.get(members[0]);
		boolean anyLabelled = false;
		for (int member : members) {
			anyLabelled |= examples.get(member).labelled();
		}
		long[] labels = anyLabelled ? new long[size] : null;
		float[] teacher = (first.teacher() != null) ? new float[size * classes] : null;
		for (int i = 0; i < size; i++) {
			TrainingExample example = examples.get(members[i]);
			int offset = i * longest;
			int n = example.length();
			System.arraycopy(example.ids(), 0, ids, offset, n);
			System.arraycopy(example.typeIds(), 0, types, offset, n);
			for (int t = 0; t < longest; t++) {
				mask[offset + t] = (t < n) ? 1 : 0;
				if (t >= n) {
					ids[offset + t] = padId;
				}
			}
			if (labels != null) {
				labels[i] = example.label();
			}
			if (teacher != null) {
				System.arraycopy(example.teacher(), 0, teacher, i * classes, classes);
			}
		}
		Shape shape = new Shape(size, longest);
		NDList inputs = new NDList(manager.create(ids, shape), manager.create(mask, shape),
				manager.create(types, shape));
		return new BatchTensors(inputs, (labels != null) ? manager.create(labels) : null,
				(teacher != null) ? manager.create(teacher, new Shape(size, classes)) : null);
	}

}
