package dev.tango.api.oip;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An inference response of the Open Inference Protocol.
 *
 * @param modelName the cascade's name
 * @param modelVersion the cascade version that produced every output
 * @param id the request's identifier, if it had one
 * @param outputs the output tensors
 */
@Schema(name = "InferenceResponse",
		description = "An Open Inference Protocol v2 inference response: the outputs of one cascade version")
@JsonInclude(JsonInclude.Include.NON_NULL)
record InferenceResponse(@JsonProperty("model_name") String modelName,
		@JsonProperty("model_version") String modelVersion, @Nullable String id, List<Output> outputs) {

	/**
	 * An output tensor.
	 *
	 * @param name its name
	 * @param datatype its datatype
	 * @param shape its shape
	 * @param data its elements, row-major
	 */
	@Schema(name = "InferenceResponseOutput", description = "An output tensor, its data row-major")
	record Output(String name, String datatype, List<Integer> shape, List<?> data) {

	}

}
