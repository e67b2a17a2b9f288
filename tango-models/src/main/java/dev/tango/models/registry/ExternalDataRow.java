package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A declared external-data file, a row of {@code model_version_external_data}. */
@Embeddable
class ExternalDataRow {

	@Column(name = "path", nullable = false)
	private String path;

	@Column(name = "uri", nullable = false)
	private String uri;

	@Column(name = "sha256", nullable = false)
	private String sha256;

	protected ExternalDataRow() {
	}

	ExternalDataRow(ExternalDataFile file) {
		this.path = file.path();
		this.uri = file.uri();
		this.sha256 = file.sha256();
	}

	ExternalDataFile toView() {
		return new ExternalDataFile(this.path, this.uri, this.sha256);
	}

}
