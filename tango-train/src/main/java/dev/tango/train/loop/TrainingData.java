package dev.tango.train.loop;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;

import dev.tango.runtime.artifact.Sha256;

/**
 * The examples of a run: those to train on and those held out to evaluate, stop early and
 * keep the best weights by.
 *
 * <p>
 * Training examples all have teacher probabilities or none do (so that each batch has one
 * loss); with teacher probabilities some may be labelled and others not (texts only the
 * teacher labelled), without them all are labelled. Held-out examples are labelled; with
 * none held out the run is not evaluated and ends with its last weights.
 *
 * @param train the training examples, at least one
 * @param heldOut the held-out examples, labelled
 * @param classes the number of classes of the model's logits, at least 2
 * @param padId the token id that pads batches
 */
public record TrainingData(List<TrainingExample> train, List<TrainingExample> heldOut, int classes, long padId) {

	public TrainingData {
		train = List.copyOf(train);
		heldOut = List.copyOf(heldOut);
		if (train.isEmpty() || classes < 2) {
			throw new IllegalArgumentException("Need training examples and at least 2 classes");
		}
		TrainingExample first = train.get(0);
		for (TrainingExample example : train) {
			if ((example.teacher() == null) != (first.teacher() == null)) {
				throw new IllegalArgumentException("Training examples must all have teacher probabilities or none");
			}
			check(example, classes);
		}
		for (TrainingExample example : heldOut) {
			if (!example.labelled()) {
				throw new IllegalArgumentException("Held-out examples must be labelled");
			}
			check(example, classes);
		}
	}

	private static void check(TrainingExample example, int classes) {
		if (example.label() >= classes || (example.teacher() != null && example.teacher().length != classes)) {
			throw new IllegalArgumentException(example + " does not fit " + classes + " classes");
		}
	}

	/**
	 * Returns each training example's length.
	 * @return the lengths, in example order
	 */
	int[] trainLengths() {
		return this.train.stream().mapToInt(TrainingExample::length).toArray();
	}

	/**
	 * Returns a digest of every example, class count and pad id: a checkpoint is resumed
	 * only on the data it was made from.
	 * @return the SHA-256, hex
	 */
	public String fingerprint() {
		MessageDigest digest = Sha256.newDigest();
		digest.update(ByteBuffer.allocate(12).putInt(this.classes).putLong(this.padId).array());
		digestAll(digest, this.train);
		digest.update((byte) '|');
		digestAll(digest, this.heldOut);
		return Sha256.hex(digest);
	}

	private static void digestAll(MessageDigest digest, List<TrainingExample> examples) {
		for (TrainingExample example : examples) {
			ByteBuffer buffer = ByteBuffer.allocate(
					16 * example.length() + 12 + 4 * ((example.teacher() != null) ? example.teacher().length : 0));
			buffer.putInt(example.length()).putInt(example.label());
			for (int t = 0; t < example.length(); t++) {
				buffer.putLong(example.ids()[t]).putLong(example.typeIds()[t]);
			}
			float[] teacher = example.teacher();
			buffer.putInt((teacher != null) ? teacher.length : -1);
			if (teacher != null) {
				for (float p : teacher) {
					buffer.putFloat(p);
				}
			}
			digest.update(buffer.array());
		}
	}

}
