package dev.tango.train.loop;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

/**
 * Measures a block's accuracy on held-out examples: inference mode (no dropout, nothing
 * recorded for gradients on the calling thread, see {@link GradMode}), batches of
 * examples sorted by length, each batch's temporaries in a scope closed after it.
 */
final class HeldOutEvaluator {

	private final List<TrainingExample> examples;

	private final List<int[]> batches;

	private final long padId;

	private final int classes;

	HeldOutEvaluator(TrainingData data, int batchSize) {
		this.examples = data.heldOut();
		this.padId = data.padId();
		this.classes = data.classes();
		int[] order = IntStream.range(0, this.examples.size())
			.boxed()
			.sorted(Comparator.comparingInt((Integer i) -> this.examples.get(i).length()))
			.mapToInt(Integer::intValue)
			.toArray();
		this.batches = IntStream.range(0, (order.length + batchSize - 1) / batchSize)
			.mapToObj((b) -> Arrays.copyOfRange(order, b * batchSize, Math.min(order.length, (b + 1) * batchSize)))
			.toList();
	}

	boolean isEmpty() {
		return this.examples.isEmpty();
	}

	/**
	 * Returns the accuracy.
	 * @param parent the manager under which a scope is opened
	 * @param parameters all the block's parameters (attached to each batch's scope while
	 * it runs, so that results of operations on them are freed with it)
	 */
	double accuracy(Block block, NDManager parent, List<Parameter> parameters) {
		long correct = 0;
		NDArray[] arrays = parameters.stream().map(Parameter::getArray).toArray(NDArray[]::new);
		for (int[] batch : this.batches) {
			try (GradMode off = GradMode.off(); NDManager scope = parent.newSubManager()) {
				scope.tempAttachAll(arrays);
				BatchTensors tensors = BatchTensors.of(scope, this.examples, batch, this.padId, this.classes);
				NDArray logits = block.forward(new ParameterStore(scope, false), tensors.inputs(), false)
					.singletonOrThrow();
				long[] predicted = logits.argMax(1).toLongArray();
				for (int i = 0; i < batch.length; i++) {
					correct += (predicted[i] == this.examples.get(batch[i]).label()) ? 1 : 0;
				}
			}
		}
		return (double) correct / this.examples.size();
	}

}
