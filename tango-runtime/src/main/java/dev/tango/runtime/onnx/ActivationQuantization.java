package dev.tango.runtime.onnx;

import java.util.Locale;

/**
 * How a dynamically quantised model (one with {@code DynamicQuantizeLinear} nodes, as the
 * bundled int8 encoders are) scales its activations to 8 bits before each integer matrix
 * product. Models without such nodes run the same either way.
 */
public enum ActivationQuantization {

	/**
	 * As the model was exported: one scale for all the activations of a call, so that an
	 * input's answer moves a little with the other inputs of its batch (their lengths and
	 * their values), and a text classified alone and in a batch may get different
	 * confidences.
	 */
	PER_BATCH,

	/**
	 * One scale for each token's activations, symmetric about zero
	 * ({@link dev.tango.runtime.onnx.edit.PerTokenQuantization}): an input's answer does
	 * not depend on its batch, at a small cost in time (docs/BENCHMARKS.md).
	 */
	PER_TOKEN;

	/**
	 * Returns the value named, case-insensitively, as in {@code "per-token"}.
	 * @param name the name
	 * @return the value
	 * @throws IllegalArgumentException if no value has that name
	 */
	public static ActivationQuantization of(String name) {
		for (ActivationQuantization value : values()) {
			if (value.id().equalsIgnoreCase(name.trim())) {
				return value;
			}
		}
		throw new IllegalArgumentException(
				"Unknown activation quantisation '" + name + "': use per-batch or per-token");
	}

	/**
	 * Returns the name used in descriptors and options.
	 * @return {@code per-batch} or {@code per-token}
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
