package dev.tango.models.seed;

import java.util.regex.Pattern;

/**
 * The model names the seeder makes of a descriptor's tier names (a tier that names none
 * is named by its kind, {@link dev.tango.runtime.cascade.TierKind#registration}).
 * Stateless.
 */
final class SeedNames {

	private static final Pattern NOT_IN_NAME = Pattern.compile("[^A-Za-z0-9._-]+");

	private SeedNames() {
	}

	/**
	 * Returns a model name made of a tier's name: characters a model name does not take
	 * become {@code -}, leading separators go, at most 128 characters.
	 * @param name the tier's name
	 * @return the model name
	 */
	static String modelName(String name) {
		String cleaned = NOT_IN_NAME.matcher(name).replaceAll("-").replaceAll("^[._-]+", "");
		return (cleaned.length() <= 128) ? cleaned : cleaned.substring(0, 128);
	}

}
