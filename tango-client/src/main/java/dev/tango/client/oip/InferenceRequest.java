package dev.tango.client.oip;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * An inference request of the Open Inference Protocol. Tango reads a {@code BYTES} input
 * named {@code text} of shape {@code [n]} (and optionally {@code text_pair} of the same
 * shape) and the request parameter {@code truncate}; without {@code outputs}, every
 * output is returned.
 *
 * @param id an identifier the response echoes, or {@code null}
 * @param parameters request parameters, or {@code null}
 * @param inputs the input tensors
 * @param outputs the outputs wanted, or {@code null} for all of them
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceRequest(@Nullable String id, @Nullable Map<String, Object> parameters, List<Tensor> inputs,
		@Nullable List<RequestedOutput> outputs) {

	/** The name of the input that holds the texts. */
	public static final String TEXT = "text";

	/** The name of the input that holds the second texts of pairs. */
	public static final String TEXT_PAIR = "text_pair";

	/**
	 * Copies the lists and parameters.
	 * @throws NullPointerException if the inputs are {@code null}
	 */
	public InferenceRequest {
		inputs = List.copyOf(Objects.requireNonNull(inputs, "inputs"));
		outputs = (outputs != null) ? List.copyOf(outputs) : null;
		parameters = (parameters != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(parameters)) : null;
	}

	/**
	 * A request to classify texts, asking for every output.
	 * @param texts the texts
	 * @return the request
	 */
	public static InferenceRequest texts(List<String> texts) {
		return new InferenceRequest(null, null, List.of(Tensor.texts(TEXT, texts)), null);
	}

	/**
	 * A request to classify pairs of texts, asking for every output.
	 * @param texts the first texts
	 * @param pairs the second texts, as many
	 * @return the request
	 */
	public static InferenceRequest pairs(List<String> texts, List<String> pairs) {
		return new InferenceRequest(null, null, List.of(Tensor.texts(TEXT, texts), Tensor.texts(TEXT_PAIR, pairs)),
				null);
	}

	/**
	 * This request, with an identifier the response echoes.
	 * @param id the identifier
	 * @return a new request
	 */
	public InferenceRequest withId(String id) {
		return new InferenceRequest(id, this.parameters, this.inputs, this.outputs);
	}

	/**
	 * This request, asking for some outputs only.
	 * @param names {@code label}, {@code confidence}, {@code tier} or
	 * {@code probabilities}
	 * @return a new request
	 */
	public InferenceRequest withOutputs(String... names) {
		return new InferenceRequest(this.id, this.parameters, this.inputs,
				Arrays.stream(names).map((name) -> new RequestedOutput(name, null)).toList());
	}

	/**
	 * This request, with a request parameter, such as {@code truncate}.
	 * @param name the parameter's name
	 * @param value its value
	 * @return a new request
	 */
	public InferenceRequest withParameter(String name, Object value) {
		Map<String, Object> parameters = new LinkedHashMap<>((this.parameters != null) ? this.parameters : Map.of());
		parameters.put(name, value);
		return new InferenceRequest(this.id, parameters, this.inputs, this.outputs);
	}

}
