package dev.tango.models.registry;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A name that versions belong to, such as a model or a cascade: immutable once stored,
 * and stored only through {@link NamedEntities#insertIfAbsent}.
 */
@MappedSuperclass
abstract class NamedEntity extends RegistryEntity {

	@Column(name = "name", nullable = false)
	private String name;

	protected NamedEntity() {
	}

	String name() {
		return this.name;
	}

}
