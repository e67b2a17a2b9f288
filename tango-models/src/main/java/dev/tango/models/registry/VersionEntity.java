package dev.tango.models.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import org.jspecify.annotations.Nullable;

/**
 * What every immutable version in the registry, of a model or of a cascade, records
 * beside its id and time: the model or cascade it is a version of (each subclass names
 * the join column), its number among the versions of that model or cascade, an optional
 * description, and by whom it was made.
 *
 * @param <P> the entity it is a version of
 */
@MappedSuperclass
abstract class VersionEntity<P extends NamedEntity> extends RegistryEntity {

	@ManyToOne(optional = false)
	private P versionOf;

	@Column(name = "version_number", nullable = false)
	private int versionNumber;

	@Column(name = "description")
	private @Nullable String description;

	@Column(name = "created_by", nullable = false)
	private String createdBy;

	protected VersionEntity() {
	}

	protected VersionEntity(P versionOf, int versionNumber, @Nullable String description, Instant createdAt,
			String createdBy) {
		super(createdAt);
		this.versionOf = versionOf;
		this.versionNumber = versionNumber;
		this.description = description;
		this.createdBy = createdBy;
	}

	P versionOf() {
		return this.versionOf;
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
