package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A declared external-data file, a row of {@code model_version_external_data}: an
 * {@link ExternalDataFile}.
 *
 * @param path where the model expects the file
 * @param uri where its content comes from
 * @param sha256 the sha256 of its content
 */
@Embeddable
record ExternalDataRow(@Column(name = "path", nullable = false) String path,
		@Column(name = "uri", nullable = false) String uri, @Column(name = "sha256", nullable = false) String sha256) {

	ExternalDataRow(ExternalDataFile file) {
		this(file.path(), file.uri(), file.sha256());
	}

	ExternalDataFile toView() {
		return new ExternalDataFile(this.path, this.uri, this.sha256);
	}

}
