package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Gives a test its own artifact directories: an allowed root for {@code file:} artifacts,
 * holding the artifact store and the head directory.
 */
public final class ArtifactDirectories {

	private ArtifactDirectories() {
	}

	/**
	 * Creates the directories under {@code target/<name>} and points the service at them.
	 * @param properties the test's dynamic properties
	 * @param name the test's directory name
	 * @return the allowed root, absolute
	 */
	public static Path register(DynamicPropertyRegistry properties, String name) {
		Path root = Path.of("target", name).toAbsolutePath();
		try {
			Files.createDirectories(root.resolve("heads"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		properties.add("tango.artifacts.allowed-roots", root::toString);
		properties.add("tango.artifacts.store", () -> root.resolve("store").toString());
		properties.add("tango.admin.jobs.head-directory", () -> root.resolve("heads").toString());
		return root;
	}

}
