package dev.tango.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The training loss of a classifier: cross-entropy with hard labels, or distillation from
 * a teacher's softened probabilities, optionally mixed with hard labels.
 *
 * <p>
 * With teacher probabilities {@code q} (the teacher's softmax at temperature {@code T})
 * the soft term is the cross-entropy {@code −Σ q·log softmax(z/T)} of the student's
 * logits {@code z} softened at the same temperature, scaled by {@code T²} so that its
 * gradients keep their size as {@code T} changes (Hinton et al., 2015). The loss is
 * {@code hardWeight · CE(labels) + (1 − hardWeight) · T² · CE(q)}, each averaged over the
 * batch; without teacher probabilities it is {@code CE(labels)}. An example with teacher
 * probabilities but no label (a text only the teacher labelled) has the soft term alone,
 * {@code T² · CE(q)}, as in the lexical student's {@link dev.tango.train.fit.Targets}.
 *
 * @param temperature the distillation temperature {@code T}, positive
 * @param hardWeight the weight {@code α} of the hard-label term when teacher
 * probabilities are given, in {@code [0, 1]}; 0 for pure distillation
 */
public record ClassificationLoss(double temperature, double hardWeight) {

	public ClassificationLoss {
		if (!(temperature > 0) || !(hardWeight >= 0 && hardWeight <= 1)) {
			throw new IllegalArgumentException(
					"Need temperature > 0 and hardWeight in [0, 1]: " + temperature + ", " + hardWeight);
		}
	}

	/**
	 * Returns the loss for hard labels alone: cross-entropy, no distillation.
	 * @return the loss
	 */
	public static ClassificationLoss hardLabels() {
		return new ClassificationLoss(1, 1);
	}

	/**
	 * Returns a distillation loss.
	 * @param temperature the temperature {@code T}
	 * @param hardWeight the weight {@code α} of the hard labels
	 * @return the loss
	 */
	public static ClassificationLoss distillation(double temperature, double hardWeight) {
		return new ClassificationLoss(temperature, hardWeight);
	}

	/**
	 * Computes the mean loss of a batch; runs on the engine, so inside a gradient
	 * collector it is differentiable in the logits.
	 * @param logits the model's logits, {@code float32 (batch, classes)}
	 * @param batch the targets
	 * @return a scalar, attached to the logits' manager
	 */
	NDArray compute(NDArray logits, BatchTensors batch) {
		NDArray teacher = batch.teacher();
		if (teacher == null) {
			return crossEntropy(logits, labelsOf(batch));
		}
		NDArray studentLog = logits.div((float) this.temperature).logSoftmax(1);
		NDArray soft = studentLog.mul(teacher)
			.sum(new int[] { 1 })
			.neg()
			.mul((float) (this.temperature * this.temperature));
		NDArray labels = batch.labels();
		if (this.hardWeight == 0 || labels == null) {
			return soft.mean();
		}
		// per example: labelled α·CE(label) + (1 − α)·soft, unlabelled soft alone
		NDArray labelled = labels.gte(0).toType(DataType.FLOAT32, false);
		int classes = (int) logits.getShape().get(1);
		NDArray hard = logits.logSoftmax(1)
			.mul(labels.maximum(0L).oneHot(classes).mul(labelled.expandDims(1)))
			.sum(new int[] { 1 })
			.neg();
		NDArray softWeight = labelled.mul((float) -this.hardWeight).add(1f);
		return hard.mul((float) this.hardWeight).add(soft.mul(softWeight)).mean();
	}

	private static NDArray labelsOf(BatchTensors batch) {
		NDArray labels = batch.labels();
		if (labels == null) {
			throw new IllegalStateException("The loss needs hard labels and the examples have none");
		}
		return labels;
	}

	private static NDArray crossEntropy(NDArray logits, NDArray labels) {
		int classes = (int) logits.getShape().get(1);
		return logits.logSoftmax(1).mul(labels.oneHot(classes)).sum(new int[] { 1 }).mean().neg();
	}

	/**
	 * Softens logits at a temperature: the teacher probabilities a
	 * {@link TrainingExample} holds for distillation.
	 * @param logits the teacher's logits
	 * @param temperature the temperature, positive
	 * @return {@code softmax(logits / temperature)}, computed stably in double precision
	 * and rounded to float
	 */
	public static float[] softmax(float[] logits, double temperature) {
		double[] softened = softened(logits, temperature);
		float[] probabilities = new float[softened.length];
		for (int i = 0; i < softened.length; i++) {
			probabilities[i] = (float) softened[i];
		}
		return probabilities;
	}

	/**
	 * Softens logits at a temperature, in double precision: the soft targets of every
	 * student, transformer or lexical.
	 * @param logits the teacher's logits
	 * @param temperature the temperature, positive
	 * @return {@code softmax(logits / temperature)}, summing to 1
	 */
	public static double[] softened(float[] logits, double temperature) {
		double max = Double.NEGATIVE_INFINITY;
		for (float logit : logits) {
			max = Math.max(max, logit / temperature);
		}
		double[] probabilities = new double[logits.length];
		double sum = 0;
		for (int i = 0; i < logits.length; i++) {
			probabilities[i] = Math.exp(logits[i] / temperature - max);
			sum += probabilities[i];
		}
		for (int i = 0; i < logits.length; i++) {
			probabilities[i] /= sum;
		}
		return probabilities;
	}

}
