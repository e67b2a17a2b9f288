package dev.tango.models.artifact;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.models.artifact.ArtifactException.Reason;
import dev.tango.runtime.artifact.ArtifactCache;
import dev.tango.runtime.artifact.ChecksumMismatchException;

/**
 * Fetches registry artifacts into the runtime's content-addressed store
 * ({@link ArtifactCache}, under {@code <store>/sha256}) with the registry's download
 * policy: every URI is judged by the {@link ArtifactUriValidator} (allowed roots, hosts
 * and addresses, also for each redirect), {@code https:} content comes through the
 * {@link HttpsDownloader}, and nothing larger than the configured maximum is kept. Given
 * a URI and the sha256 registered for it, hands out a local file whose content has that
 * sha256; a second request for the same sha256 reads nothing from the source again.
 * Failures are {@link ArtifactException}s. Thread-safe; several processes may share one
 * store directory.
 */
public final class ArtifactFetcher {

	private static final Logger logger = LoggerFactory.getLogger(ArtifactFetcher.class);

	private final ArtifactCache store;

	private final ArtifactUriValidator validator;

	private final HttpsDownloader downloader;

	private final ClassLoader classLoader;

	private final long maxSize;

	/**
	 * Creates a fetcher.
	 * @param properties where the store lives and the download limits
	 * @param validator judges every URI, including redirect targets
	 * @param sockets creates TLS sockets whose trust material verifies artifact servers
	 * @param classLoader loads {@code classpath:} artifacts
	 */
	public ArtifactFetcher(ArtifactProperties properties, ArtifactUriValidator validator, SSLSocketFactory sockets,
			ClassLoader classLoader) {
		this.store = new ArtifactCache(properties.store().toAbsolutePath().normalize().resolve("sha256"));
		this.validator = validator;
		this.maxSize = properties.maxSize().toBytes();
		this.downloader = new HttpsDownloader(validator, sockets, properties.connectTimeout(), properties.readTimeout(),
				properties.maxRedirects(), this.maxSize, properties.transferLimits());
		this.classLoader = classLoader;
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
			Path stored = this.store.write(fileName(location),
					(out) -> fetch(location, new LimitedOutputStream(out, location.uri(), this.maxSize)), expected);
			logger.info("Stored artifact {} as {}", location.uri(), stored);
			return stored;
		}
		catch (ChecksumMismatchException ex) {
			// The digest of content that failed verification is never shown: it would
			// tell a caller the sha256 of any file or resource the store can read.
			throw new ArtifactException(Reason.CHECKSUM_MISMATCH, location.uri(),
					"the content does not match the registered sha256 " + expected);
		}
		catch (IOException ex) {
			throw new ArtifactException(Reason.DOWNLOAD_FAILED, uri, ex.toString(), ex);
		}
	}

	/**
	 * Returns the stored copy of a content, verifying it once per process.
	 * @param sha256 the content's sha256
	 * @return the file, or empty if the store holds no intact copy
	 */
	public Optional<Path> cached(String sha256) {
		String hex = ArtifactUriValidator.checkSha256("sha256:" + sha256, sha256);
		try {
			return this.store.cached(hex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Keeps a file derived from stored contents (an encoder rebuilt from its base and a
	 * delta) in the store, by content, so that it is derived once
	 * ({@link ArtifactCache#write}).
	 * @param fileName the file's name
	 * @param sha256 the digest the content must have
	 * @param content writes the content; not called when the store holds it
	 * @return the stored file
	 * @throws IOException if the content cannot be written or has another digest
	 */
	public Path derived(String fileName, String sha256, ArtifactCache.ContentWriter content) throws IOException {
		return this.store.write(fileName, content, sha256);
	}

	/**
	 * Returns a folder of the store that holds stored contents side by side under the
	 * given relative paths ({@link ArtifactCache#folder}), such as an ONNX model and its
	 * external data.
	 * @param listing each file's relative, normalised path → the sha256 of a content the
	 * store holds (obtained through {@link #resolve})
	 * @return the folder
	 * @throws UncheckedIOException if a content is not stored or the folder cannot be
	 * written
	 */
	public Path folder(Map<String, String> listing) {
		try {
			return this.store.folder(listing);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void fetch(ArtifactLocation location, OutputStream out) throws IOException {
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

		@Override
		public void close() {
			// The store closes the stream it handed out.
		}

		private void count(int bytes) {
			this.written += bytes;
			if (this.written > this.maxSize) {
				throw new ArtifactException(Reason.TOO_LARGE, this.uri, "larger than " + this.maxSize + " bytes");
			}
		}

	}

}
