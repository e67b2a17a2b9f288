package dev.tango.models.seed;

import java.util.Objects;
import java.util.regex.Pattern;

import org.springframework.util.StringUtils;

/**
 * The names the seeder gives the model versions of a descriptor's tiers that name none,
 * made of their artifacts' URIs. Stateless.
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

	/** The file name of a resolved URI, without its extension. */
	static String stem(String uri) {
		String name = StringUtils.getFilename(uri.substring(uri.indexOf(':') + 1));
		return StringUtils.stripFilenameExtension(Objects.requireNonNullElse(name, uri));
	}

	/** The name of the folder of a resolved URI. */
	static String folderName(String uri) {
		String folder = uri.substring(uri.indexOf(':') + 1, Math.max(uri.lastIndexOf('/'), uri.indexOf(':') + 1));
		String name = StringUtils.getFilename(folder);
		return (name == null || name.isEmpty()) ? stem(uri) : name;
	}

}
