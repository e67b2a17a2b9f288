package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A test's own artifact directories under {@code target/<name>}: an allowed root for
 * {@code file:} artifacts, holding the artifact store and the head directory. A test
 * class asks for them with {@link ArtifactRoot}.
 */
public final class ArtifactDirectories {

	private ArtifactDirectories() {
	}

	/**
	 * Returns the allowed root of a test's directories.
	 * @param name the test's directory name
	 * @return {@code target/<name>}, absolute
	 */
	public static Path root(String name) {
		return Path.of("target", name).toAbsolutePath();
	}

	/**
	 * Creates a test's directories and returns the properties that point the service at
	 * them.
	 * @param name the test's directory name
	 * @return the properties, by name
	 */
	static Map<String, Object> create(String name) {
		Path root = root(name);
		try {
			Files.createDirectories(root.resolve("heads"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Map.of("tango.artifacts.allowed-roots", root.toString(), "tango.artifacts.store",
				root.resolve("store").toString(), "tango.admin.jobs.head-directory", root.resolve("heads").toString());
	}

}
