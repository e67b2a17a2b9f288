package dev.tango.models.registry;

import java.util.regex.Pattern;

/**
 * The rule for names of models and cascades: 1 to 128 letters, digits, {@code .},
 * {@code _} or {@code -}, starting with a letter or digit (so never a path such as
 * {@code ../x}). The registry applies it when it stores a name; callers that will store
 * one later (a queued job) apply it up front.
 */
public final class RegistryNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

	private RegistryNames() {
	}

	/**
	 * Checks a name.
	 * @param what what is named ({@code model}, {@code cascade}), for the message
	 * @param name the name
	 * @throws InvalidRegistryRequestException if the name breaks the rule
	 */
	public static void check(String what, String name) {
		if (!NAME.matcher(name).matches()) {
			throw new InvalidRegistryRequestException("Invalid " + what + " name '" + name
					+ "': 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit");
		}
	}

}
