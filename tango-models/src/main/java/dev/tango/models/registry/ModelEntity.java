package dev.tango.models.registry;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A model: a name that versions belong to. */
@Entity
@Immutable
@Table(name = "models")
class ModelEntity extends NamedEntity {

	protected ModelEntity() {
	}

}
