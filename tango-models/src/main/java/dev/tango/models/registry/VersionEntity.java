package dev.tango.models.registry;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import org.jspecify.annotations.Nullable;

/**
 * What every immutable version in the registry, of a model or of a cascade, records: its
 * generated id, its number among the versions of its model or cascade, an optional
 * description, and when and by whom it was made.
 */
@MappedSuperclass
abstract class VersionEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "version_number", nullable = false)
	private int versionNumber;

	@Column(name = "description")
	private @Nullable String description;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	protected VersionEntity() {
	}

	protected VersionEntity(int versionNumber, @Nullable String description, Instant createdAt, String createdBy) {
		this.versionNumber = versionNumber;
		this.description = description;
		this.createdAt = createdAt;
		this.createdBy = createdBy;
	}

	/**
	 * Returns the id.
	 * @throws NullPointerException if the version is not stored yet
	 */
	long id() {
		return Objects.requireNonNull(this.id);
	}

	int versionNumber() {
		return this.versionNumber;
	}

	@Nullable String description() {
		return this.description;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	String createdBy() {
		return this.createdBy;
	}

}
