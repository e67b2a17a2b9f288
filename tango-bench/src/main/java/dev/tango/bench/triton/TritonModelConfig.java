package dev.tango.bench.triton;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A Triton model configuration ({@code config.pbtxt}) for an ONNX model served by
 * Triton's ONNX Runtime backend: the model's inputs and outputs with their data types and
 * dims, and, when the model batches, {@code max_batch_size} and dynamic batching.
 *
 * @param name the model's name in the repository, which its endpoint
 * ({@code /v2/models/NAME}) carries
 * @param signature the model's inputs and outputs
 * @param maxBatchSize the largest batch Triton forms, at least 1; written only when the
 * model batches (every leading dimension dynamic), else {@code max_batch_size: 0}
 * @param maxQueueDelayMicros how long Triton may hold a request to fill a batch, in
 * microseconds, zero or more
 * @param instances how many instances of the model run at once, at least 1
 * @param gpu whether the instances run on GPUs ({@code KIND_GPU}) or on CPUs
 */
public record TritonModelConfig(String name, ModelSignature signature, int maxBatchSize, long maxQueueDelayMicros,
		int instances, boolean gpu) {

	public TritonModelConfig {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(signature, "signature");
		if (maxBatchSize < 1 || instances < 1 || maxQueueDelayMicros < 0) {
			throw new IllegalArgumentException("maxBatchSize and instances must be at least 1, the delay not negative");
		}
	}

	/**
	 * Returns whether Triton batches requests for this model.
	 * @return {@code true} when every input and output has a dynamic leading dimension
	 */
	public boolean batched() {
		return this.signature.batchable();
	}

	/**
	 * Returns the batch sizes Triton prefers to form: powers of two from 8 up to, and
	 * ending with, the maximum batch size.
	 * @return the sizes, increasing
	 */
	public List<Integer> preferredBatchSizes() {
		List<Integer> sizes = new ArrayList<>();
		for (int size = 8; size < this.maxBatchSize; size *= 2) {
			sizes.add(size);
		}
		sizes.add(this.maxBatchSize);
		return sizes;
	}

	/**
	 * Renders the configuration in Triton's protobuf text format.
	 * @return the text of {@code config.pbtxt}
	 */
	public String pbtxt() {
		boolean batched = batched();
		StringBuilder out = new StringBuilder();
		out.append("name: \"").append(this.name).append("\"\n");
		out.append("backend: \"onnxruntime\"\n");
		out.append("max_batch_size: ").append(batched ? this.maxBatchSize : 0).append('\n');
		tensors(out, "input", this.signature.inputs(), batched);
		tensors(out, "output", this.signature.outputs(), batched);
		if (batched) {
			out.append("dynamic_batching {\n");
			out.append("  preferred_batch_size: [ ")
				.append(preferredBatchSizes().stream().map(String::valueOf).collect(Collectors.joining(", ")))
				.append(" ]\n");
			out.append("  max_queue_delay_microseconds: ").append(this.maxQueueDelayMicros).append('\n');
			out.append("}\n");
		}
		out.append("instance_group [\n  {\n    count: ")
			.append(this.instances)
			.append("\n    kind: ")
			.append(this.gpu ? "KIND_GPU" : "KIND_CPU")
			.append("\n  }\n]\n");
		return out.toString();
	}

	private static void tensors(StringBuilder out, String field, List<TensorSignature> tensors, boolean batched) {
		out.append(field).append(" [\n");
		for (int i = 0; i < tensors.size(); i++) {
			TensorSignature tensor = tensors.get(i);
			long[] dims = tensor.dims(batched);
			out.append("  {\n");
			out.append("    name: \"").append(tensor.name()).append("\"\n");
			out.append("    data_type: ").append(tensor.dataType()).append('\n');
			out.append("    dims: [ ");
			for (int d = 0; d < dims.length; d++) {
				out.append((d > 0) ? ", " : "").append(dims[d]);
			}
			if (dims.length == 0) {
				out.append(1);
			}
			out.append(" ]\n");
			if (dims.length == 0) {
				out.append("    reshape: { shape: [ ] }\n");
			}
			out.append("  }").append((i + 1 < tensors.size()) ? "," : "").append('\n');
		}
		out.append("]\n");
	}

}
