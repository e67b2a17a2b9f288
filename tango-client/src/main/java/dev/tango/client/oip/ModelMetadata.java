package dev.tango.client.oip;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's metadata. Each active cascade is a model whose only version is the one that
 * serves.
 *
 * @param name the cascade's name
 * @param versions the version that serves
 * @param platform {@code tango_cascade}
 * @param inputs the input tensors
 * @param outputs the output tensors
 * @param parameters {@code labels} (comma-separated, in probability order) and
 * {@code tiers}
 */
public record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
		List<TensorMetadata> outputs, Map<String, Object> parameters) {

	/**
	 * Makes the lists and parameters unmodifiable; missing ones are empty.
	 */
	public ModelMetadata {
		versions = (versions != null) ? List.copyOf(versions) : List.of();
		inputs = (inputs != null) ? List.copyOf(inputs) : List.of();
		outputs = (outputs != null) ? List.copyOf(outputs) : List.of();
		parameters = (parameters != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(parameters)) : Map.of();
	}

	/**
	 * Returns the labels, in the order of the {@code probabilities} output's columns.
	 * @return the labels; empty if the metadata names none
	 */
	public List<String> labels() {
		return (this.parameters.get("labels") instanceof String labels && !labels.isEmpty())
				? Arrays.asList(labels.split(",")) : List.of();
	}

}
