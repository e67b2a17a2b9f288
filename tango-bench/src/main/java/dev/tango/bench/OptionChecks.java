package dev.tango.bench;

import java.util.List;

/**
 * Checks of numeric options that picocli's types do not make, run before a command does
 * any work; a refusal names the option and the value given.
 */
public final class OptionChecks {

	private OptionChecks() {
	}

	/**
	 * Refuses a count under 1.
	 * @param option the option, such as {@code --repeats}
	 * @param value its value
	 * @throws IllegalArgumentException if the value is under 1
	 */
	public static void atLeastOne(String option, int value) {
		if (value < 1) {
			throw new IllegalArgumentException(option + " must be at least 1, was " + value);
		}
	}

	/**
	 * Refuses a negative value.
	 * @param option the option, such as {@code --max-queue-delay-micros}
	 * @param value its value
	 * @throws IllegalArgumentException if the value is negative
	 */
	public static void notNegative(String option, long value) {
		if (value < 0) {
			throw new IllegalArgumentException(option + " must be 0 or more, was " + value);
		}
	}

	/**
	 * Refuses a list of counts with one under 1.
	 * @param option the option, such as {@code --batch-sizes}
	 * @param values its values
	 * @throws IllegalArgumentException naming the first value under 1
	 */
	public static void eachAtLeastOne(String option, List<Integer> values) {
		for (int value : values) {
			if (value < 1) {
				throw new IllegalArgumentException(option + ": each must be at least 1, was " + value);
			}
		}
	}

}
