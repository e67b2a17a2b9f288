package dev.tango.runtime.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.DefaultArtifactSource;
import dev.tango.runtime.cascade.CascadeLoader;

/**
 * A folder holding a cascade descriptor, {@code cascade.json}, beside the artifacts its
 * tiers name by relative paths, and the artifact cache of the loader that opens it.
 *
 * @param dir the folder
 */
public record CascadeFolder(Path dir) {

	/**
	 * Writes the folder's descriptor.
	 * @param name the cascade's name
	 * @param tiers the elements of its {@code tiers} array, as JSON
	 * @return the descriptor file
	 * @throws IOException if it cannot be written
	 */
	public Path descriptor(String name, String tiers) throws IOException {
		return Files.writeString(this.dir.resolve("cascade.json"), """
				{"format": "tango-cascade", "version": 1, "name": "%s", "tiers": [%s]}""".formatted(name, tiers));
	}

	/**
	 * Returns a loader of the installed tier kinds, caching in the folder's {@code cache}
	 * and reading {@code classpath:} artifacts from the test class path.
	 * @return the loader
	 */
	public CascadeLoader loader() {
		return new CascadeLoader(new DefaultArtifactSource(new ArtifactCache(this.dir.resolve("cache")),
				CascadeFolder.class.getClassLoader()));
	}

}
