package dev.tango.client.oip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A tensor of an inference request or response, its data as JSON values in row-major
 * order.
 *
 * @param name its name
 * @param datatype its datatype, such as {@code BYTES}, {@code FP32} or {@code INT32}
 * @param shape its shape
 * @param data its elements, row-major: strings for {@code BYTES}, numbers otherwise
 * @param parameters its parameters, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tensor(String name, String datatype, List<Long> shape, List<Object> data,
		@Nullable Map<String, Object> parameters) {

	/**
	 * Makes the shape and data unmodifiable; missing ones are empty.
	 */
	public Tensor {
		Objects.requireNonNull(name, "name");
		shape = (shape != null) ? List.copyOf(shape) : List.of();
		data = (data != null) ? Collections.unmodifiableList(new ArrayList<>(data)) : List.of();
	}

	/**
	 * A {@code BYTES} tensor of texts, of shape {@code [n]}.
	 * @param name its name
	 * @param texts its texts
	 * @return the tensor
	 */
	public static Tensor texts(String name, List<String> texts) {
		return new Tensor(name, "BYTES", List.of((long) texts.size()), List.copyOf(texts), null);
	}

	/**
	 * Returns the data as strings, for a {@code BYTES} tensor.
	 * @return the elements
	 * @throws IllegalStateException if an element is not a string
	 */
	public List<String> strings() {
		return this.data.stream().map((element) -> {
			if (element instanceof String text) {
				return text;
			}
			throw new IllegalStateException("Tensor '" + this.name + "' holds " + element + ", not a string");
		}).toList();
	}

	/**
	 * Returns the data as numbers, for a numeric tensor.
	 * @return the elements
	 * @throws IllegalStateException if an element is not a number
	 */
	public double[] numbers() {
		double[] values = new double[this.data.size()];
		for (int i = 0; i < values.length; i++) {
			if (!(this.data.get(i) instanceof Number number)) {
				throw new IllegalStateException(
						"Tensor '" + this.name + "' holds " + this.data.get(i) + ", not a number");
			}
			values[i] = number.doubleValue();
		}
		return values;
	}

}
