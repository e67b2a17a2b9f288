package dev.tango.core.calibration;

import dev.tango.core.settings.InvalidSettingException;

/**
 * The check that the budget policies make of their settings: a budget is a share in
 * {@code [0, 1]}, bounded at a one-sided confidence level in {@code [0.5, 1)}.
 */
final class Budgets {

	private Budgets() {
	}

	/**
	 * Checks a budget and the confidence level of its bound.
	 * @param name the budget's name, for the message
	 * @param budget the budget
	 * @param confidenceLevel the confidence level
	 * @throws IllegalArgumentException if the budget lies outside {@code [0, 1]} or the
	 * confidence level outside {@code [0.5, 1)}
	 */
	static void check(String name, double budget, double confidenceLevel) {
		InvalidSettingException.require(budget >= 0 && budget <= 1, name, "must lie in [0, 1]", budget);
		InvalidSettingException.require(confidenceLevel >= 0.5 && confidenceLevel < 1, "confidenceLevel",
				"must lie in [0.5, 1)", confidenceLevel);
	}

}
