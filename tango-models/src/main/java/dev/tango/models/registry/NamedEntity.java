package dev.tango.models.registry;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A name that versions belong to, such as a model or a cascade: immutable once stored.
 */
@MappedSuperclass
abstract class NamedEntity extends RegistryEntity {

	@Column(name = "name", nullable = false)
	private String name;

	protected NamedEntity() {
	}

	NamedEntity(String name, Instant createdAt) {
		super(createdAt);
		this.name = name;
	}

	String name() {
		return this.name;
	}

}
