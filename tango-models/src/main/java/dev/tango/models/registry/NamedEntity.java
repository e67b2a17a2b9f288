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
 * A name that versions belong to, such as a model or a cascade: immutable once stored.
 */
@MappedSuperclass
abstract class NamedEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected NamedEntity() {
	}

	NamedEntity(String name, Instant createdAt) {
		this.name = name;
		this.createdAt = createdAt;
	}

	long id() {
		return Objects.requireNonNull(this.id);
	}

	String name() {
		return this.name;
	}

}
