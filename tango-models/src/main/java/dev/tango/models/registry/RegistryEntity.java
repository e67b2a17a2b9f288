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
 * What every immutable row of the registry records: its generated id and when it was made
 * ({@code created_at}; a subclass whose column is named otherwise overrides it).
 */
@MappedSuperclass
abstract class RegistryEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected RegistryEntity() {
	}

	protected RegistryEntity(Instant createdAt) {
		this.createdAt = createdAt;
	}

	/**
	 * Returns the id.
	 * @throws NullPointerException if the row is not stored yet
	 */
	long id() {
		return Objects.requireNonNull(this.id);
	}

	Instant createdAt() {
		return this.createdAt;
	}

}
