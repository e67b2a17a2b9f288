package dev.tango.bench.triton;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import dev.tango.runtime.onnx.DjlEnvironment;
import dev.tango.runtime.onnx.OnnxModelCheck;
import dev.tango.runtime.onnx.OnnxModelFile;
import dev.tango.runtime.onnx.UnsafeModelException;

/**
 * The inputs and outputs an ONNX model declares, as ONNX Runtime reads them from the
 * model.
 *
 * @param inputs the inputs, in the model's order
 * @param outputs the outputs, in the model's order
 */
public record ModelSignature(List<TensorSignature> inputs, List<TensorSignature> outputs) {

	private static final String ONNX_PREFIX = "ONNX_TENSOR_ELEMENT_DATA_TYPE_";

	public ModelSignature {
		inputs = List.copyOf(inputs);
		outputs = List.copyOf(outputs);
	}

	/**
	 * Reads a model's signature with an ONNX Runtime session (on the CPU, not run), after
	 * the model passed {@link OnnxModelCheck}.
	 * @param model the model and its declared external data
	 * @return the signature
	 * @throws IOException if the model is unsafe, cannot be read, or has a non-tensor
	 * input or output
	 */
	public static ModelSignature read(OnnxModelFile model) throws IOException {
		try {
			OnnxModelCheck.check(model);
		}
		catch (UnsafeModelException ex) {
			throw new IOException("Cannot read ONNX model " + model.file() + ": " + ex.getMessage(), ex);
		}
		OrtEnvironment environment = DjlEnvironment.ortEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
			options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
			try (OrtSession session = environment.createSession(model.file().toString(), options)) {
				return new ModelSignature(tensors(session.getInputInfo(), model.file()),
						tensors(session.getOutputInfo(), model.file()));
			}
		}
		catch (OrtException ex) {
			throw new IOException("Cannot read ONNX model " + model.file() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns whether every input and output has a dynamic leading dimension, so that
	 * Triton may batch requests along it.
	 * @return {@code true} if the model batches
	 */
	public boolean batchable() {
		return this.inputs.stream().allMatch(TensorSignature::batchable)
				&& this.outputs.stream().allMatch(TensorSignature::batchable);
	}

	/**
	 * Returns the names of the inputs.
	 * @return the names, in the model's order
	 */
	public List<String> inputNames() {
		return this.inputs.stream().map(TensorSignature::name).toList();
	}

	private static List<TensorSignature> tensors(Map<String, NodeInfo> infos, Path file) throws IOException {
		List<TensorSignature> tensors = new ArrayList<>(infos.size());
		for (NodeInfo node : infos.values()) {
			if (!(node.getInfo() instanceof TensorInfo tensor)) {
				throw new IOException("ONNX model " + file + ": '" + node.getName() + "' is not a tensor");
			}
			String type = tensor.onnxType.name();
			String element = type.startsWith(ONNX_PREFIX) ? type.substring(ONNX_PREFIX.length()) : type;
			tensors.add(new TensorSignature(node.getName(), TensorSignature.tritonType(element), tensor.getShape()));
		}
		return tensors;
	}

}
