package dev.tango.api.oip;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The metadata of a model (a cascade) in the Open Inference Protocol.
 *
 * @param name the cascade's name
 * @param versions the version that serves
 * @param platform {@code tango_cascade}
 * @param inputs the input tensors
 * @param outputs the output tensors
 * @param parameters {@code labels} (the names answers show: display names, else
 * identifiers; comma-separated, in probability order), {@code label_ids} (the labels'
 * identifiers, which labelled data uses, in the same order) and {@code tiers}
 */
@Schema(name = "ModelMetadata",
		description = "A cascade as a model: its serving version, tensors, labels (parameters.labels) and tiers")
record ModelMetadata(String name, List<String> versions, String platform, List<Tensor> inputs, List<Tensor> outputs,
		Map<String, Object> parameters) {

	/**
	 * A tensor's metadata.
	 *
	 * @param name its name
	 * @param datatype its datatype
	 * @param shape its shape; {@code -1} for a variable size
	 */
	@Schema(name = "TensorMetadata", description = "A tensor's name, datatype and shape; -1 for a variable size")
	record Tensor(String name, String datatype, List<Integer> shape) {

	}

}
