package dev.tango.models.registry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * The names that versions belong to, of one kind (models or cascades).
 *
 * @param <E> the entity of that kind
 */
@NoRepositoryBean
interface NamedEntities<E extends NamedEntity> extends Repository<E, Long> {

	Optional<E> findByName(String name);

	/**
	 * Locks a row, by name, until the transaction ends and returns its id. A native query
	 * in each subtype, on its table: the entity is immutable, and Hibernate refuses a
	 * lock mode on a read-only entity that the persistence context already holds.
	 * @param name the name
	 * @return the id, or empty if there is no such row
	 */
	Optional<Long> lockIdByName(String name);

	/**
	 * Stores a name unless it is stored: where a concurrent transaction has stored it and
	 * not yet ended, waits for that one, and stores nothing if it commits. A native query
	 * in each subtype, on its table.
	 * @param name the name
	 * @param createdAt when it is created, if it is
	 * @return 1 if this call stored it, 0 otherwise
	 */
	int insertIfAbsent(String name, Instant createdAt);

	Optional<E> findById(Long id);

	@Query("select e.name from #{#entityName} e order by e.name")
	List<String> findAllNames();

}
