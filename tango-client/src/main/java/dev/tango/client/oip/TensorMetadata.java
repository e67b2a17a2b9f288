package dev.tango.client.oip;

import java.util.List;

/**
 * A tensor's metadata.
 *
 * @param name its name
 * @param datatype its datatype
 * @param shape its shape; {@code -1} for a variable size
 */
public record TensorMetadata(String name, String datatype, List<Long> shape) {

	/**
	 * Makes the shape unmodifiable; a missing one is empty.
	 */
	public TensorMetadata {
		shape = (shape != null) ? List.copyOf(shape) : List.of();
	}

}
