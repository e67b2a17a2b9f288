package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The cascades. */
interface Cascades extends Repository<CascadeEntity, Long> {

	CascadeEntity save(CascadeEntity cascade);

	Optional<CascadeEntity> findByName(String name);

	/**
	 * Locks a cascade's row until the transaction ends and returns its id. A native
	 * query: the entity is immutable, and Hibernate refuses a lock mode on a read-only
	 * entity that the persistence context already holds.
	 */
	@Query(value = "select id from cascades where name = :name for update", nativeQuery = true)
	Optional<Long> lockIdByName(String name);

	Optional<CascadeEntity> findById(Long id);

	@Query("select c.name from CascadeEntity c order by c.name")
	List<String> findAllNames();

}
