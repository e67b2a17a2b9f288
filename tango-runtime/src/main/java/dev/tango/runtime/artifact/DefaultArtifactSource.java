package dev.tango.runtime.artifact;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.tango.runtime.io.InputFiles;
import org.jspecify.annotations.Nullable;

/**
 * Resolves two forms of URI:
 * <ul>
 * <li>{@code classpath:name}: a resource of the given class loader (a leading {@code /}
 * is ignored); {@link #file(String, String)} copies it into the
 * {@link ArtifactCache};</li>
 * <li>{@code file:} URIs and plain paths (absolute, or relative to the working
 * directory): used in place.</li>
 * </ul>
 * Any other scheme (such as {@code https:}) is refused: nothing is fetched over a
 * network. Thread-safe.
 */
public final class DefaultArtifactSource implements ArtifactSource {

	/** The prefix of classpath resource URIs. */
	public static final String CLASSPATH = "classpath:";

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

	private final ArtifactCache cache;

	private final ClassLoader classLoader;

	/**
	 * Creates a source over the given cache and class loader.
	 * @param cache where classpath resources become files
	 * @param classLoader the class loader that holds {@code classpath:} resources
	 */
	public DefaultArtifactSource(ArtifactCache cache, ClassLoader classLoader) {
		this.cache = Objects.requireNonNull(cache, "cache");
		this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
	}

	/**
	 * Returns a source over the default cache and this library's class loader.
	 * @return the source
	 */
	public static DefaultArtifactSource create() {
		return new DefaultArtifactSource(ArtifactCache.defaultCache(), DefaultArtifactSource.class.getClassLoader());
	}

	/**
	 * Returns the cache that this source writes classpath resources into.
	 * @return the cache
	 */
	public ArtifactCache cache() {
		return this.cache;
	}

	@Override
	public InputStream open(String uri) throws IOException {
		String resource = classpathResource(uri);
		if (resource != null) {
			InputStream in = this.classLoader.getResourceAsStream(resource);
			if (in == null) {
				throw new FileNotFoundException("No classpath resource " + uri);
			}
			return in;
		}
		Path path = localPath(uri);
		try {
			return InputFiles.open(path);
		}
		catch (NoSuchFileException ex) {
			throw new FileNotFoundException("No file " + path + " (from " + uri + ")");
		}
	}

	@Override
	public Path file(String uri, @Nullable String sha256) throws IOException {
		String resource = classpathResource(uri);
		if (resource != null) {
			String name = resource.substring(resource.lastIndexOf('/') + 1);
			return this.cache.materialize(name, () -> open(uri), sha256);
		}
		Path path = localPath(uri);
		if (!Files.isRegularFile(path)) {
			throw new FileNotFoundException("No file " + path + " (from " + uri + ")");
		}
		if (sha256 != null) {
			this.cache.verify(path, sha256);
		}
		return path;
	}

	/**
	 * Keeps a derived file in this source's cache.
	 */
	@Override
	public Path derived(String fileName, String sha256, ArtifactCache.ContentWriter content) throws IOException {
		return this.cache.write(fileName, content, sha256);
	}

	private static @Nullable String classpathResource(String uri) {
		if (!uri.regionMatches(true, 0, CLASSPATH, 0, CLASSPATH.length())) {
			return null;
		}
		String name = uri.substring(CLASSPATH.length());
		while (name.startsWith("/")) {
			name = name.substring(1);
		}
		if (name.isEmpty() || name.endsWith("/")) {
			throw new IllegalArgumentException("Not a classpath resource URI: '" + uri + "'");
		}
		return name;
	}

	private static Path localPath(String uri) {
		if (uri.isBlank()) {
			throw new IllegalArgumentException("Empty artifact URI");
		}
		if (SCHEME.matcher(uri).find()) {
			if (uri.toLowerCase(Locale.ROOT).startsWith("file:")) {
				return Path.of(URI.create(uri));
			}
			throw new IllegalArgumentException(
					"Unsupported artifact URI '" + uri + "': use classpath:, file: or a plain path");
		}
		return Path.of(uri);
	}

}
