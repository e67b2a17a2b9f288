package dev.tango.core.settings;

/**
 * Thrown when a setting people give is out of its range, or not one the thing set takes.
 * It names the setting as the Java API does (a record component such as
 * {@code warmupFraction} or {@code maxDrop}), so that a front end can name its own option
 * or field for it.
 */
public class InvalidSettingException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String setting;

	private final String problem;

	/**
	 * Creates the exception; its message is the setting followed by the problem.
	 * @param setting the setting's name, such as {@code epochs}
	 * @param problem what is wrong with it, such as {@code must be at least 1, was 0}
	 */
	public InvalidSettingException(String setting, String problem) {
		this(setting, problem, setting + " " + problem);
	}

	/**
	 * Creates the exception with a message of its own shape, for a kind of setting whose
	 * messages read otherwise.
	 * @param setting the setting's name
	 * @param problem what is wrong with it
	 * @param message the whole message
	 */
	protected InvalidSettingException(String setting, String problem, String message) {
		super(message);
		this.setting = setting;
		this.problem = problem;
	}

	/**
	 * Returns the setting at fault.
	 * @return its name as the Java API has it
	 */
	public String setting() {
		return this.setting;
	}

	/**
	 * Returns what is wrong with the setting.
	 * @return a phrase that follows the setting's name, such as
	 * {@code must lie in [0, 1), was 2.0}
	 */
	public String problem() {
		return this.problem;
	}

	/**
	 * Refuses a setting that breaks its rule.
	 * @param valid whether the value keeps the rule
	 * @param setting the setting's name
	 * @param rule the rule, such as {@code must be at least 1}
	 * @param value the value given
	 * @throws InvalidSettingException if the value is not valid
	 */
	public static void require(boolean valid, String setting, String rule, Object value) {
		if (!valid) {
			throw new InvalidSettingException(setting, rule + ", was " + value);
		}
	}

}
