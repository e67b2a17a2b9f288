package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import org.jspecify.annotations.Nullable;

/**
 * An {@link ArtifactRef} of a model version, stored in two columns of
 * {@code model_versions} named after its role: {@code <role>_uri} and
 * {@code <role>_sha256} (the embedding field names the prefix with
 * {@link org.hibernate.annotations.EmbeddedColumnNaming}). Both are null when the version
 * has no artifact in that role.
 *
 * @param uri the artifact's URI
 * @param sha256 the sha256 of its content, or {@code null} for a remote endpoint
 */
@Embeddable
record ArtifactColumns(@Column(name = "uri") String uri, @Column(name = "sha256") @Nullable String sha256) {

	/**
	 * Returns the columns of an artifact.
	 * @param artifact the artifact, or {@code null} when the version has none in the role
	 * @return its columns, or {@code null} (both columns null) for no artifact
	 */
	static @Nullable ArtifactColumns of(@Nullable ArtifactRef artifact) {
		return (artifact != null) ? new ArtifactColumns(artifact.uri(), artifact.sha256()) : null;
	}

	/**
	 * Returns the artifact these columns hold.
	 * @return the artifact reference
	 */
	ArtifactRef toView() {
		return new ArtifactRef(this.uri, this.sha256);
	}

}
