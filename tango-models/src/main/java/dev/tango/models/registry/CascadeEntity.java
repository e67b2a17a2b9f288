package dev.tango.models.registry;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

/** A cascade: a name that versions belong to. */
@Entity
@Immutable
@Table(name = "cascades")
class CascadeEntity extends NamedEntity {

	protected CascadeEntity() {
	}

}
