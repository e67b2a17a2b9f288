package dev.tango.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tango's one content-addressed store of files: a file with SHA-256 {@code s} and name
 * {@code n} lives at {@code <directory>/<s>/<n>}. Every artifact a tier reads (models,
 * tokenizers, heads, external data) becomes a verified file here, whoever fetches it: the
 * runtime's {@link DefaultArtifactSource} (classpath resources), the registry (which
 * plugs in its own URI policy and downloads, and writes through {@link #write}), and
 * derived data such as cached embeddings. {@link #folder} puts stored files side by side
 * under the relative paths a reader expects ({@link ArtifactFolders}, under
 * {@code <directory>/folders}).
 *
 * <p>
 * The default directory is, in order: the system property {@code tango.cache.dir}, the
 * environment variable {@code TANGO_CACHE_DIR}, {@code ~/.cache/tango} when the home
 * directory is writable, else {@code ${java.io.tmpdir}/tango-cache}.
 *
 * <p>
 * Thread-safe, and safe with several processes sharing the directory: files are written
 * to a temporary name ({@code .partial-*.tmp}) and moved into place atomically. A file is
 * verified against its digest once per process and file modification; a stored file found
 * corrupt is deleted. Within a process, a content of known sha256 is written by one
 * caller at a time while the others wait for it ({@link #write}); processes sharing the
 * directory may each write it, and the last move wins with the same bytes. The first
 * write deletes the temporary files that a process killed while it wrote left behind,
 * once nothing has written to them for an hour.
 */
public final class ArtifactCache {

	/** The system property naming the cache directory. */
	public static final String DIRECTORY_PROPERTY = "tango.cache.dir";

	private static final Logger logger = LoggerFactory.getLogger(ArtifactCache.class);

	private final Path directory;

	private final ArtifactFolders folders;

	private final Partials partials;

	private final SingleWrites writes = new SingleWrites();

	private final Map<Path, Stamp> verified = new ConcurrentHashMap<>();

	/**
	 * Creates a cache in a directory, created when first written.
	 * @param directory the directory
	 */
	public ArtifactCache(Path directory) {
		this.directory = Objects.requireNonNull(directory, "directory").toAbsolutePath().normalize();
		this.folders = new ArtifactFolders(this.directory.resolve("folders"));
		this.partials = new Partials(this.directory);
	}

	/**
	 * Returns a cache in the {@link #defaultDirectory() default directory}.
	 * @return the cache
	 */
	public static ArtifactCache defaultCache() {
		return new ArtifactCache(defaultDirectory());
	}

	/**
	 * Returns the default cache directory (see the class description).
	 * @return the directory
	 */
	public static Path defaultDirectory() {
		String configured = System.getProperty(DIRECTORY_PROPERTY);
		if (configured == null || configured.isBlank()) {
			configured = System.getenv("TANGO_CACHE_DIR");
		}
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured);
		}
		Path home = Path.of(System.getProperty("user.home", "."));
		if (Files.isDirectory(home) && Files.isWritable(home)) {
			return home.resolve(".cache").resolve("tango");
		}
		return Path.of(System.getProperty("java.io.tmpdir")).resolve("tango-cache");
	}

	/**
	 * Returns the cache directory.
	 * @return the absolute directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Returns a cached file with the given content, writing it if it is not cached yet.
	 * @param fileName the file's name (no directories)
	 * @param content opens the content; called only when the file must be written
	 * @param sha256 the expected digest of the content, or {@code null} if unknown (the
	 * content is then always read to learn its digest)
	 * @return the cached file
	 * @throws ChecksumMismatchException if the content's digest is not {@code sha256}
	 * @throws IOException if the content cannot be read or written
	 */
	public Path materialize(String fileName, ContentSupplier content, @Nullable String sha256) throws IOException {
		return write(fileName, (out) -> {
			try (InputStream in = content.open()) {
				in.transferTo(out);
			}
		}, sha256);
	}

	/**
	 * Returns a cached file with the given content, writing it if no file of that name
	 * and digest is cached yet: the content is written to a temporary file while its
	 * digest is computed, compared with {@code sha256}, and moved into place. An
	 * exception the content throws (such as a size limit) leaves nothing behind.
	 *
	 * <p>
	 * With a known {@code sha256}, a content is written once at a time in this process: a
	 * caller that asks while another write of the same sha256 runs waits for it, then
	 * returns the stored file without calling its own {@code content}; if that write
	 * failed, the caller writes its own {@code content} (another caller's failure is
	 * never its). A caller that asks for the same sha256 under another file name waits
	 * too and, once that write succeeded, writes its own {@code content}, so that its
	 * source is verified as well. Writes of different contents run in parallel.
	 * @param fileName the file's name (no directories)
	 * @param content writes the content; called only when the file must be written
	 * @param sha256 the expected digest of the content, or {@code null} if unknown
	 * @return the cached file
	 * @throws ChecksumMismatchException if the content's digest is not {@code sha256}
	 * @throws IOException if the content cannot be read or written, or the caller was
	 * interrupted while it waited for another write
	 */
	public Path write(String fileName, ContentWriter content, @Nullable String sha256) throws IOException {
		checkFileName(fileName);
		if (sha256 == null) {
			return store(fileName, content, null);
		}
		Sha256.requireValid(sha256);
		Path target = this.directory.resolve(sha256).resolve(fileName);
		if (Files.isRegularFile(target) && isIntact(target, sha256)) {
			return target;
		}
		Path written = this.writes.run(sha256, () -> {
			// Another caller may have stored it since the check above.
			if (Files.isRegularFile(target) && isIntact(target, sha256)) {
				return target;
			}
			return store(fileName, content, sha256);
		});
		// A waiter shares the file another caller wrote, unless that has another name.
		return written.equals(target) ? written : write(fileName, content, sha256);
	}

	private Path store(String fileName, ContentWriter content, @Nullable String sha256) throws IOException {
		Files.createDirectories(this.directory);
		this.partials.sweepOnce();
		Path temp = Files.createTempFile(this.directory, Partials.PREFIX, ".tmp");
		try {
			MessageDigest digest = Sha256.newDigest();
			try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), digest)) {
				content.writeTo(out);
			}
			String actual = Sha256.hex(digest);
			if (sha256 != null && !sha256.equals(actual)) {
				// Never show the digest of content that failed verification.
				throw new ChecksumMismatchException("Content of " + fileName, sha256);
			}
			Path target = this.directory.resolve(actual).resolve(fileName);
			Files.createDirectories(target.getParent());
			move(temp, target);
			this.verified.put(target, Stamp.of(target, actual));
			return target;
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	/**
	 * Returns a stored file with the given content, whatever its name, verifying it once
	 * per process and modification; a stored file whose content no longer matches is
	 * deleted.
	 * @param sha256 the content's sha256
	 * @return the file, or empty if the cache holds no intact copy
	 * @throws IOException if the directory cannot be read
	 */
	public Optional<Path> cached(String sha256) throws IOException {
		Sha256.requireValid(sha256);
		Path folder = this.directory.resolve(sha256);
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return Optional.empty();
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder,
				(file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))) {
			for (Path file : files) {
				if (isIntact(file, sha256)) {
					return Optional.of(file);
				}
				logger.warn("Deleting corrupt stored artifact {}", file);
				Files.delete(file);
				this.verified.remove(file);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns a folder that holds stored contents side by side under the given relative
	 * paths (see {@link ArtifactFolders}), such as an ONNX model and its external data.
	 * @param listing each file's relative, normalised path → the sha256 of a content the
	 * cache holds
	 * @return the folder
	 * @throws IOException if a content is not stored or the folder cannot be written
	 */
	public Path folder(Map<String, String> listing) throws IOException {
		return this.folders.folder(listing, (sha256) -> cached(sha256)
			.orElseThrow(() -> new IOException("No stored content with sha256 " + sha256)));
	}

	/**
	 * Checks that a file has the expected digest, hashing it at most once per process and
	 * modification of the file.
	 * @param file the file
	 * @param sha256 the expected digest
	 * @throws ChecksumMismatchException if its digest differs
	 * @throws IOException if the file cannot be read
	 */
	public void verify(Path file, String sha256) throws IOException {
		Sha256.requireValid(sha256);
		if (!isIntact(file, sha256)) {
			throw new ChecksumMismatchException("File " + file, sha256);
		}
	}

	private boolean isIntact(Path file, String sha256) throws IOException {
		Path key = file.toAbsolutePath();
		Stamp known = this.verified.get(key);
		if (known != null && known.sha256().equals(sha256) && known.matches(key)) {
			return true;
		}
		String actual = Sha256.of(key);
		this.verified.put(key, Stamp.of(key, actual));
		return actual.equals(sha256);
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	private static void checkFileName(String fileName) {
		if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\") || fileName.equals(".")
				|| fileName.equals("..")) {
			throw new IllegalArgumentException("Not a plain file name: '" + fileName + "'");
		}
	}

	/**
	 * Opens content to be cached.
	 */
	@FunctionalInterface
	public interface ContentSupplier {

		/**
		 * Opens the content.
		 * @return a new stream, closed by the cache
		 * @throws IOException if it cannot be opened
		 */
		InputStream open() throws IOException;

	}

	/**
	 * Writes content to be cached, such as a download.
	 */
	@FunctionalInterface
	public interface ContentWriter {

		/**
		 * Writes the whole content.
		 * @param out where to write it; closed by the cache
		 * @throws IOException if it cannot be read or written
		 */
		void writeTo(OutputStream out) throws IOException;

	}

	private record Stamp(String sha256, long size, long modified) {

		static Stamp of(Path file, String sha256) throws IOException {
			return new Stamp(sha256, Files.size(file), Files.getLastModifiedTime(file).toMillis());
		}

		boolean matches(Path file) throws IOException {
			return Files.size(file) == this.size && Files.getLastModifiedTime(file).toMillis() == this.modified;
		}

	}

}
