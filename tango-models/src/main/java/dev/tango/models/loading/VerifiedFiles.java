package dev.tango.models.loading;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.ArtifactSource;

/**
 * The artifact source of one load: only the verified local files of the model versions
 * being loaded, by their local path, and the files derived from them (an encoder rebuilt
 * from its base and a delta), kept in the registry's store. A checksum asked for is
 * compared with the registered one, which the file was verified against, or the derived
 * file's, rather than computed again. Thread-safe.
 */
final class VerifiedFiles implements ArtifactSource {

	private final Map<String, String> sha256ByPath = new ConcurrentHashMap<>();

	private final ModelResolver store;

	/**
	 * Creates the source of one load.
	 * @param store keeps the derived files
	 */
	VerifiedFiles(ModelResolver store) {
		this.store = store;
	}

	/**
	 * Adds a model version's verified files.
	 * @param resolved the model version and its files
	 */
	void add(ResolvedModel resolved) {
		for (Map.Entry<ArtifactRole, Path> file : resolved.files().entrySet()) {
			ArtifactRef ref = Objects.requireNonNull(resolved.version().artifacts().get(file.getKey()));
			this.sha256ByPath.put(file.getValue().toString(), String.valueOf(ref.sha256()));
		}
	}

	@Override
	public InputStream open(String uri) throws IOException {
		return Files.newInputStream(verified(uri));
	}

	@Override
	public Path file(String uri, @Nullable String sha256) throws IOException {
		Path file = verified(uri);
		String registered = this.sha256ByPath.get(uri);
		if (sha256 != null && !sha256.equals(registered)) {
			throw new IOException("the artifact's sha256 is " + registered + ", the tier expects " + sha256);
		}
		return file;
	}

	@Override
	public Path derived(String fileName, String sha256, ArtifactCache.ContentWriter content) throws IOException {
		Path file = this.store.derived(fileName, sha256, content);
		this.sha256ByPath.put(file.toString(), sha256);
		return file;
	}

	private Path verified(String uri) throws FileNotFoundException {
		if (!this.sha256ByPath.containsKey(uri)) {
			throw new FileNotFoundException(uri + " is not a verified artifact of the cascade version being loaded");
		}
		return Path.of(uri);
	}

}
