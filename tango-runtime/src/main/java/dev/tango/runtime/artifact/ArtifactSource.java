package dev.tango.runtime.artifact;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Resolves artifact URIs (models, tokenizers, head files) to their content. The one place
 * where a URI string becomes bytes: a registry can plug in its own, validated, resolver.
 *
 * <p>
 * Implementations are thread-safe.
 */
public interface ArtifactSource {

	/**
	 * Opens an artifact for reading.
	 * @param uri the artifact's URI
	 * @return a new stream, which the caller closes
	 * @throws IOException if the artifact does not exist or cannot be read
	 * @throws IllegalArgumentException if the URI's form is not supported
	 */
	InputStream open(String uri) throws IOException;

	/**
	 * Returns a local file holding an artifact's content, for native libraries that read
	 * files (ONNX Runtime, the tokenizers). The file must not be modified or deleted by
	 * the caller.
	 * @param uri the artifact's URI
	 * @param sha256 the expected SHA-256 of the content, or {@code null} to skip the
	 * check
	 * @return the file
	 * @throws IOException if the artifact cannot be read or its content does not match
	 * {@code sha256}
	 * @throws IllegalArgumentException if the URI's form is not supported
	 */
	Path file(String uri, @Nullable String sha256) throws IOException;

	/**
	 * Returns a local file derived from artifacts (such as an encoder rebuilt from its
	 * base and an initializer delta), kept by content so that it is derived once: when a
	 * file of that name and digest is already kept, {@code content} is not called.
	 * @param fileName the file's name (no directories)
	 * @param sha256 the digest the content must have
	 * @param content writes the content
	 * @return the file, which the caller must not modify or delete
	 * @throws ChecksumMismatchException if the content written does not have
	 * {@code sha256}
	 * @throws IOException if the content cannot be written, or this source keeps no
	 * derived files (the default)
	 */
	default Path derived(String fileName, String sha256, ArtifactCache.ContentWriter content) throws IOException {
		throw new IOException("This artifact source keeps no derived files such as " + fileName);
	}

}
