package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The models. */
interface Models extends Repository<ModelEntity, Long> {

	ModelEntity save(ModelEntity model);

	Optional<ModelEntity> findByName(String name);

	/**
	 * Locks a model's row until the transaction ends and returns its id. A native query:
	 * the entity is immutable, and Hibernate refuses a lock mode on a read-only entity
	 * that the persistence context already holds.
	 */
	@Query(value = "select id from models where name = :name for update", nativeQuery = true)
	Optional<Long> lockIdByName(String name);

	Optional<ModelEntity> findById(Long id);

	@Query("select m.name from ModelEntity m order by m.name")
	List<String> findAllNames();

}
