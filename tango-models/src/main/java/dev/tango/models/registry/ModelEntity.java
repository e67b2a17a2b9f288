package dev.tango.models.registry;

import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** A model: a name that versions belong to. */
@Entity
@Immutable
@Table(name = "models")
class ModelEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private @Nullable Long id;

	@Column(name = "name", nullable = false)
	private String name;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected ModelEntity() {
	}

	ModelEntity(String name, Instant createdAt) {
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
