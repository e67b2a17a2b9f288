package dev.tango.api.oip;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An inference request of the Open Inference Protocol. Fields the protocol leaves to
 * extensions are ignored.
 *
 * @param id an identifier echoed in the response
 * @param parameters request parameters: {@code truncate} (boolean, default true) is read
 * @param inputs the input tensors: one named {@code text} (and optionally one named
 * {@code text_pair}), datatype {@code BYTES}, shape {@code [n]} or {@code [n, 1]}
 * @param outputs the outputs wanted; all of them if absent
 */
@Schema(name = "InferenceRequest", description = "An Open Inference Protocol v2 inference request")
@JsonIgnoreProperties(ignoreUnknown = true)
record InferenceRequest(@Schema(description = "Echoed in the response", example = "42") @Nullable String id, @Schema(
		description = "Request parameters; 'truncate' (boolean, default true) is read") @Nullable Map<String, @Nullable Object> parameters,
		@Schema(requiredMode = Schema.RequiredMode.REQUIRED) @Nullable List<@Nullable Input> inputs,
		@Schema(description = "The outputs to return; all of them if absent") @Nullable List<@Nullable Output> outputs) {

	/**
	 * An input tensor.
	 *
	 * @param name {@code text}, or {@code text_pair} for the second texts of pairs
	 * @param shape {@code [n]} or {@code [n, 1]}
	 * @param datatype {@code BYTES}
	 * @param parameters tensor parameters, ignored
	 * @param data the texts, row-major, flat or nested
	 */
	@Schema(name = "InferenceRequestInput",
			description = "An input tensor: BYTES texts named text, or text_pair for the second texts of pairs")
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Input(@Schema(example = "text") @Nullable String name,
			@Schema(example = "[1]") @Nullable List<@Nullable Long> shape,
			@Schema(example = "BYTES") @Nullable String datatype, @Nullable Map<String, @Nullable Object> parameters,
			@Schema(description = "The texts, row-major",
					example = "[\"A gripping, beautifully shot film.\"]") @Nullable JsonNode data) {

	}

	/**
	 * A requested output.
	 *
	 * @param name {@code label}, {@code confidence}, {@code tier} or
	 * {@code probabilities}
	 * @param parameters output parameters; {@code binary_data: true} is refused
	 */
	@Schema(name = "InferenceRequestOutput",
			description = "An output to return: label, confidence, tier or probabilities")
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Output(@Schema(example = "label") @Nullable String name,
			@Nullable Map<String, @Nullable Object> parameters) {

	}

}
