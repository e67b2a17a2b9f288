package dev.tango.models.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.jspecify.annotations.Nullable;

/**
 * What every immutable version in the registry, of a model or of a cascade, records
 * beside its id and time: its number among the versions of its model or cascade, an
 * optional description, and by whom it was made.
 */
@MappedSuperclass
abstract class VersionEntity extends RegistryEntity {

	@Column(name = "version_number", nullable = false)
	private int versionNumber;

	@Column(name = "description")
	private @Nullable String description;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	protected VersionEntity() {
	}

	protected VersionEntity(int versionNumber, @Nullable String description, Instant createdAt, String createdBy) {
		super(createdAt);
		this.versionNumber = versionNumber;
		this.description = description;
		this.createdBy = createdBy;
	}

	int versionNumber() {
		return this.versionNumber;
	}

	@Nullable String description() {
		return this.description;
	}

	String createdBy() {
		return this.createdBy;
	}

}
