package dev.tango.models.registry;

import java.util.Optional;

import org.springframework.data.jpa.repository.Query;

/** The models. */
interface Models extends NamedEntities<ModelEntity> {

	@Override
	@Query(value = "select id from models where name = :name for update", nativeQuery = true)
	Optional<Long> lockIdByName(String name);

}
