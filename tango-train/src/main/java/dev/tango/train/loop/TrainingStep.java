package dev.tango.train.loop;

import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;

/**
 * One optimiser step on one batch: forward in training mode, loss, backward, AdamW
 * update, all in a scope closed at the end, with the block's parameters attached to it
 * meanwhile so that whatever an operation on them makes is freed with the scope.
 *
 * <p>
 * The forward and backward passes record with {@link GradMode#on()} and the update runs
 * with {@link GradMode#off()}, both set on the calling thread, so that a step trains the
 * same on any thread; the thread's grad mode is put back after each.
 */
final class TrainingStep {

	private final Block block;

	private final NDArray[] parameters;

	private final TrainingData data;

	private final ClassificationLoss loss;

	private final double maxGradientNorm;

	TrainingStep(Block block, List<Parameter> parameters, TrainingData data, ClassificationLoss loss,
			double maxGradientNorm) {
		this.block = block;
		this.parameters = parameters.stream().map(Parameter::getArray).toArray(NDArray[]::new);
		this.data = data;
		this.loss = loss;
		this.maxGradientNorm = maxGradientNorm;
	}

	/** What a step measured. */
	record Outcome(double loss, double gradientNorm) {

	}

	Outcome run(NDManager parent, int[] batch, AdamW optimiser, double learningRate) {
		Engine engine = parent.getEngine();
		try (NDManager scope = parent.newSubManager()) {
			scope.tempAttachAll(this.parameters);
			BatchTensors tensors = BatchTensors.of(scope, this.data.train(), batch, this.data.padId(),
					this.data.classes());
			float value;
			try (GradMode recording = GradMode.on(); GradientCollector collector = engine.newGradientCollector()) {
				NDArray logits = this.block.forward(new ParameterStore(scope, false), tensors.inputs(), true)
					.singletonOrThrow();
				NDArray mean = this.loss.compute(logits, tensors);
				collector.backward(mean);
				value = mean.getFloat();
			}
			double norm = optimiser.step(scope, learningRate, this.maxGradientNorm);
			return new Outcome(value, norm);
		}
	}

}
