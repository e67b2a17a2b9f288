package dev.tango.runtime.cascade;

import java.nio.file.Path;
import java.util.Map;

import java.util.Objects;

import dev.tango.runtime.onnx.OnnxModelFile;
import org.jspecify.annotations.Nullable;

/**
 * Where one artifact of a tier is, as a spec names it.
 *
 * @param uri the artifact's URI, resolved by an
 * {@link dev.tango.runtime.artifact.ArtifactSource ArtifactSource}
 * @param sha256 the content's expected SHA-256, or {@code null} when the source need not
 * check it
 * @param externalData for an ONNX model, the files it stores tensors in: location
 * relative to the model's folder &rarr; sha256; empty otherwise
 */
public record TierArtifact(String uri, @Nullable String sha256, Map<String, String> externalData) {

	public TierArtifact {
		Objects.requireNonNull(uri, "uri");
		externalData = Map.copyOf(externalData);
	}

	/**
	 * Returns an artifact that declares no external data.
	 * @param uri the artifact's URI
	 * @param sha256 the content's expected SHA-256, or {@code null}
	 */
	public TierArtifact(String uri, @Nullable String sha256) {
		this(uri, sha256, Map.of());
	}

	/**
	 * Returns this artifact as an ONNX model file with its declared external data.
	 * @param file the local file the artifact's URI resolved to
	 * @return the model file
	 */
	public OnnxModelFile onnxModel(Path file) {
		return new OnnxModelFile(file, this.externalData);
	}

	/**
	 * Returns an artifact without an expected checksum.
	 * @param uri the artifact's URI
	 * @return the artifact
	 */
	public static TierArtifact of(String uri) {
		return new TierArtifact(uri, null);
	}

	/**
	 * Returns the file name of the URI without its extension, as a default tier name.
	 * @return the base name, such as {@code minilm} for {@code heads/minilm.json}
	 */
	public String baseName() {
		String name = this.uri.substring(Math.max(this.uri.lastIndexOf('/'), this.uri.lastIndexOf(':')) + 1);
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : name;
	}

	/**
	 * Returns the URI of a file in the same folder as this artifact: a {@code classpath:}
	 * resource beside a resource, a {@code file:} URI beside a {@code file:} URI, else a
	 * path beside a path.
	 * @param relative a relative, {@code /}-separated path
	 * @return the URI
	 */
	public String sibling(String relative) {
		int slash = this.uri.lastIndexOf('/');
		if (slash >= 0) {
			return this.uri.substring(0, slash + 1) + relative;
		}
		int colon = this.uri.indexOf(':');
		return this.uri.substring(0, colon + 1) + relative;
	}

	/**
	 * Returns the name of the folder the artifact lies in, as a default tier name.
	 * @return the folder's name, or the base name when the URI has no folder
	 */
	public String folderName() {
		int slash = this.uri.lastIndexOf('/');
		return (slash > 0) ? of(this.uri.substring(0, slash)).baseName() : baseName();
	}

}
