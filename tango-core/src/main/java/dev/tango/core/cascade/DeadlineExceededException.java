package dev.tango.core.cascade;

import java.time.Duration;

/**
 * Thrown by {@link Cascade#classify(java.util.List, boolean, Duration)} when the time
 * limit passed before a stage could answer its inputs and that stage does not fall back
 * to the previous stage's predictions ({@link Routing#fallback}).
 */
public class DeadlineExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int stage;

	/**
	 * Creates the exception.
	 * @param stage the zero-based index of the stage that could not answer in time
	 * @param tierName the name of that stage's tier
	 * @param timeLimit the time limit of the call
	 */
	public DeadlineExceededException(int stage, String tierName, Duration timeLimit) {
		super("The time limit of " + timeLimit.toMillis() + " ms passed before tier '" + tierName + "' (stage " + stage
				+ ") could answer");
		this.stage = stage;
	}

	/**
	 * Returns the stage that could not answer in time.
	 * @return its zero-based index in the cascade
	 */
	public int stage() {
		return this.stage;
	}

}
