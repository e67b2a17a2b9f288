package dev.tango.models.artifact;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.models.artifact.ArtifactException.Reason;
import dev.tango.runtime.artifact.ArtifactFolders;

/**
 * A local, content-addressed store of verified artifacts: given a URI and the sha256
 * registered for it, hands out a local file whose content has that sha256. Files are kept
 * under {@code <store>/sha256/<hex>/<name>}; a second request for the same sha256 reads
 * nothing from the source again. Thread-safe; several processes may share one store
 * directory.
 */
public final class ArtifactStore {

	private static final Logger logger = LoggerFactory.getLogger(ArtifactStore.class);

	private final Path root;

	private final ArtifactUriValidator validator;

	private final HttpsDownloader downloader;

	private final ClassLoader classLoader;

	private final long maxSize;

	private final Set<String> verified = ConcurrentHashMap.newKeySet();

	private final ArtifactFolders folders;

	/**
	 * Creates a store.
	 * @param properties where the store lives and the download limits
	 * @param validator judges every URI, including redirect targets
	 * @param sockets creates TLS sockets whose trust material verifies artifact servers
	 * @param classLoader loads {@code classpath:} artifacts
	 */
	public ArtifactStore(ArtifactProperties properties, ArtifactUriValidator validator, SSLSocketFactory sockets,
			ClassLoader classLoader) {
		this.root = properties.store().toAbsolutePath().normalize();
		this.validator = validator;
		this.maxSize = properties.maxSize().toBytes();
		this.downloader = new HttpsDownloader(validator, sockets, properties.connectTimeout(), properties.readTimeout(),
				properties.maxRedirects(), this.maxSize);
		this.classLoader = classLoader;
		this.folders = new ArtifactFolders(this.root.resolve("folders"));
	}

	/**
	 * Returns a local file with the artifact's content, fetching and verifying it unless
	 * the store already holds a verified copy. The URI is validated on every call, so a
	 * URI that is no longer allowed is refused even when its content is cached.
	 * @param uri the artifact URI
	 * @param sha256 the registered sha256 (64 hexadecimal digits)
	 * @return a regular file inside the store whose sha256 is {@code sha256}
	 * @throws ArtifactException if the URI is refused, the fetch fails, or the content
	 * does not match ({@link Reason#CHECKSUM_MISMATCH})
	 */
	public Path resolve(String uri, String sha256) {
		String expected = ArtifactUriValidator.checkSha256(uri, sha256);
		ArtifactLocation location = this.validator.validate(uri);
		Optional<Path> cached = cached(expected);
		if (cached.isPresent()) {
			return cached.get();
		}
		try {
			return fetch(location, expected);
		}
		catch (IOException ex) {
			throw new ArtifactException(Reason.DOWNLOAD_FAILED, uri, ex.toString(), ex);
		}
	}

	/**
	 * Returns a folder of the store that holds stored contents side by side under the
	 * given relative paths (see {@link ArtifactFolders}), such as an ONNX model and its
	 * external data.
	 * @param listing each file's relative, normalised path → the sha256 of a content the
	 * store holds (obtained through {@link #resolve})
	 * @return the folder
	 * @throws ArtifactException ({@link Reason#NOT_FOUND}) if a content is not stored
	 * @throws UncheckedIOException if the folder cannot be written
	 */
	public Path folder(Map<String, String> listing) {
		try {
			return this.folders.folder(listing, (sha256) -> cached(sha256).orElseThrow(
					() -> new ArtifactException(Reason.NOT_FOUND, "sha256:" + sha256, "not in the artifact store")));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the stored copy of a content, verifying it once per process.
	 * @param sha256 the content's sha256
	 * @return the file, or empty if the store holds no intact copy
	 */
	public Optional<Path> cached(String sha256) {
		String hex = ArtifactUriValidator.checkSha256("sha256:" + sha256, sha256);
		Path directory = this.root.resolve("sha256").resolve(hex);
		if (!Files.isDirectory(directory)) {
			return Optional.empty();
		}
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, Files::isRegularFile)) {
			for (Path file : files) {
				if (this.verified.contains(hex)) {
					return Optional.of(file);
				}
				if (sha256(file).equals(hex)) {
					this.verified.add(hex);
					return Optional.of(file);
				}
				logger.warn("Deleting corrupt stored artifact {}", file);
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Optional.empty();
	}

	private Path fetch(ArtifactLocation location, String expected) throws IOException {
		Path temporary = Files.createDirectories(this.root.resolve("tmp"));
		Path part = Files.createTempFile(temporary, expected, ".part");
		try {
			MessageDigest digest = newDigest();
			try (OutputStream out = new LimitedOutputStream(new DigestOutputStream(Files.newOutputStream(part), digest),
					location.uri(), this.maxSize)) {
				switch (location) {
					case ArtifactLocation.Classpath classpath -> {
						try (InputStream in = this.classLoader.getResourceAsStream(classpath.resource())) {
							if (in == null) {
								throw new ArtifactException(Reason.NOT_FOUND, location.uri(), "no such resource");
							}
							in.transferTo(out);
						}
					}
					case ArtifactLocation.File file -> Files.copy(file.path(), out);
					case ArtifactLocation.Https https -> this.downloader.download(https, out);
				}
			}
			String actual = HexFormat.of().formatHex(digest.digest());
			if (!actual.equals(expected)) {
				// The digest of content that failed verification is never shown: it would
				// tell a caller the sha256 of any file or resource the store can read.
				throw new ArtifactException(Reason.CHECKSUM_MISMATCH, location.uri(),
						"the content does not match the registered sha256 " + expected);
			}
			Path directory = Files.createDirectories(this.root.resolve("sha256").resolve(expected));
			Path target = directory.resolve(fileName(location));
			try {
				Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (FileAlreadyExistsException | AtomicMoveNotSupportedException ex) {
				if (!Files.exists(target)) {
					throw ex;
				}
			}
			this.verified.add(expected);
			logger.info("Stored artifact {} as {}", location.uri(), target);
			return target;
		}
		finally {
			Files.deleteIfExists(part);
		}
	}

	private static String fileName(ArtifactLocation location) {
		String path = switch (location) {
			case ArtifactLocation.Classpath classpath -> classpath.resource();
			case ArtifactLocation.File file -> String.valueOf(file.path().getFileName());
			case ArtifactLocation.Https https -> String.valueOf(https.target().getPath());
		};
		String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
		if (name.length() > 100) {
			name = name.substring(name.length() - 100);
		}
		return (name.isEmpty() || name.startsWith(".")) ? "artifact" + name : name;
	}

	static String sha256(Path file) throws IOException {
		MessageDigest digest = newDigest();
		try (InputStream in = Files.newInputStream(file)) {
			byte[] buffer = new byte[64 * 1024];
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Refuses to write more than a maximum number of bytes. */
	private static final class LimitedOutputStream extends FilterOutputStream {

		private final String uri;

		private final long maxSize;

		private long written;

		LimitedOutputStream(OutputStream out, String uri, long maxSize) {
			super(out);
			this.uri = uri;
			this.maxSize = maxSize;
		}

		@Override
		public void write(int b) throws IOException {
			count(1);
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			count(len);
			this.out.write(b, off, len);
		}

		private void count(int bytes) {
			this.written += bytes;
			if (this.written > this.maxSize) {
				throw new ArtifactException(Reason.TOO_LARGE, this.uri, "larger than " + this.maxSize + " bytes");
			}
		}

	}

}
