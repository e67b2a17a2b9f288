package dev.tango.models.registry;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;

/** The cascades. */
interface Cascades extends NamedEntities<CascadeEntity> {

	@Override
	@Query(value = "select id from cascades where name = :name for update", nativeQuery = true)
	Optional<Long> lockIdByName(String name);

}
