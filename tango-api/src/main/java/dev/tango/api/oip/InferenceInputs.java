package dev.tango.api.oip;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.tango.api.classify.InvalidInputException;
import dev.tango.core.tier.TextInput;

/**
 * Reads the input tensors of an Open Inference Protocol inference request into Tango's
 * inputs: one BYTES tensor {@code text} of shape {@code [n]} or {@code [n, 1]}, its data
 * a JSON array of strings, flat or nested exactly as its shape, and optionally a tensor
 * {@code text_pair} of the same shape. Anything else is refused with a detail that names
 * the tensor.
 */
final class InferenceInputs {

	/** The name of the input of texts. */
	static final String TEXT = "text";

	/** The name of the input of second texts, for pairs. */
	static final String TEXT_PAIR = "text_pair";

	/** The datatype of texts. */
	static final String BYTES = "BYTES";

	private InferenceInputs() {
	}

	/**
	 * Reads the inputs of a request.
	 * @param inputs the request's input tensors
	 * @return one input per element of {@code text}, paired with the element of
	 * {@code text_pair} at the same place when there is one
	 * @throws InvalidInputException naming the tensor and what is wrong with it
	 */
	static List<TextInput> read(@Nullable List<InferenceRequest.@Nullable Input> inputs) {
		if (inputs == null || inputs.isEmpty()) {
			throw new InvalidInputException("The request has no inputs: give a BYTES input named '" + TEXT + "'");
		}
		List<String> texts = null;
		List<String> pairs = null;
		List<@Nullable Long> textShape = null;
		List<@Nullable Long> pairShape = null;
		for (InferenceRequest.Input input : inputs) {
			if (input == null) {
				throw new InvalidInputException("An input is null");
			}
			String name = input.name();
			if (TEXT.equals(name) && texts == null) {
				texts = texts(input);
				textShape = input.shape();
			}
			else if (TEXT_PAIR.equals(name) && pairs == null) {
				pairs = texts(input);
				pairShape = input.shape();
			}
			else {
				throw new InvalidInputException("Unexpected input '" + name + "': give one BYTES input named '" + TEXT
						+ "' and optionally one named '" + TEXT_PAIR + "'");
			}
		}
		if (texts == null) {
			throw new InvalidInputException("No input named '" + TEXT + "'");
		}
		if (pairs != null && !Objects.equals(pairShape, textShape)) {
			throw new InvalidInputException("Input '" + TEXT_PAIR + "' has shape " + pairShape + ", input '" + TEXT
					+ "' " + textShape + ": they must have the same shape");
		}
		List<TextInput> result = new ArrayList<>(texts.size());
		for (int i = 0; i < texts.size(); i++) {
			result.add(new TextInput(texts.get(i), (pairs != null) ? pairs.get(i) : null));
		}
		return result;
	}

	private static List<String> texts(InferenceRequest.Input input) {
		String name = input.name();
		if (!BYTES.equals(input.datatype())) {
			throw new InvalidInputException(
					"Input '" + name + "' has datatype " + input.datatype() + "; it must be " + BYTES);
		}
		if (input.parameters() != null && input.parameters().containsKey("binary_data_size")) {
			throw new InvalidInputException("Input '" + name
					+ "' has parameter binary_data_size: binary tensor data is not supported; give the texts in data");
		}
		List<Long> shape = input.shape();
		if (shape == null || shape.isEmpty() || shape.size() > 2 || shape.contains(null)
				|| (shape.size() == 2 && shape.get(1) != 1)) {
			throw new InvalidInputException("Input '" + name + "' has shape " + shape + "; it must be [n] or [n, 1]");
		}
		long count = shape.get(0);
		JsonNode data = input.data();
		if (data == null || data.isNull()) {
			throw new InvalidInputException("Input '" + name + "' has no data");
		}
		if (!data.isArray()) {
			throw new InvalidInputException("Input '" + name + "' has data that is not a JSON array: give its "
					+ "elements in an array, flat or nested as its shape " + shape);
		}
		boolean nested = shape.size() == 2 && !data.isEmpty() && data.get(0).isArray();
		List<String> texts = new ArrayList<>(data.size());
		for (JsonNode row : data.values()) {
			texts.add(element(nested ? single(row, name, shape) : row, name, shape));
		}
		if (count < 0 || texts.size() != count) {
			throw new InvalidInputException(
					"Input '" + name + "' has shape " + shape + " but " + texts.size() + " elements in its data");
		}
		return texts;
	}

	/** The one element of a row of a tensor of shape [n, 1], given nested. */
	private static JsonNode single(JsonNode row, @Nullable String name, List<Long> shape) {
		if (!row.isArray() || row.size() != 1) {
			throw new InvalidInputException("Input '" + name + "' has shape " + shape
					+ ": nested, each of its rows is an array of one element, or give its elements flat");
		}
		return row.get(0);
	}

	private static String element(JsonNode node, @Nullable String name, List<Long> shape) {
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isArray()) {
			throw new InvalidInputException("Input '" + name + "' nests its data deeper than its shape " + shape
					+ ": give its elements flat, or nested as its shape");
		}
		throw new InvalidInputException("Input '" + name + "' holds "
				+ node.getNodeType().name().toLowerCase(Locale.ROOT) + " data; BYTES elements are JSON strings");
	}

}
