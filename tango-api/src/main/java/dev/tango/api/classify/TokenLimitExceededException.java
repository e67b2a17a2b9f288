package dev.tango.api.classify;

import java.util.List;

/**
 * Inputs were longer than the tier that answered them reads, and the request asked not to
 * truncate.
 */
public class TokenLimitExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<Integer> inputs;

	public TokenLimitExceededException(String message, List<Integer> inputs) {
		super(message);
		this.inputs = List.copyOf(inputs);
	}

	/**
	 * Returns the positions of the inputs that were too long.
	 * @return zero-based positions, ascending
	 */
	public List<Integer> inputs() {
		return this.inputs;
	}

}
