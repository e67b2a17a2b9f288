package dev.tango.client.oip;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An inference response of the Open Inference Protocol. Tango's outputs are {@code label}
 * (BYTES), {@code confidence} (FP32), {@code tier} (INT32) and {@code probabilities}
 * (FP32, shape {@code [n, labels]}).
 *
 * @param modelName the cascade's name
 * @param modelVersion the cascade version that produced every output
 * @param id the request's identifier, if it had one
 * @param parameters response parameters, if any
 * @param outputs the output tensors
 */
public record InferenceResponse(@JsonProperty("model_name") String modelName,
		@JsonProperty("model_version") @Nullable String modelVersion, @Nullable String id,
		@Nullable Map<String, Object> parameters, List<Tensor> outputs) {

	/**
	 * Makes the outputs unmodifiable; missing ones are empty.
	 */
	public InferenceResponse {
		outputs = (outputs != null) ? List.copyOf(outputs) : List.of();
	}

	/**
	 * Returns an output.
	 * @param name its name
	 * @return the output
	 * @throws NoSuchElementException if the response has no output of that name
	 */
	public Tensor output(String name) {
		return this.outputs.stream()
			.filter((output) -> output.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new NoSuchElementException("The response has no output '" + name + "'"));
	}

}
