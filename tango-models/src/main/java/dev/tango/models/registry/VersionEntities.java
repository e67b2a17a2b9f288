package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.NoRepositoryBean;
import org.springframework.data.repository.Repository;

/**
 * The versions of one kind of name (model versions or cascade versions).
 *
 * @param <E> the version entity
 * @param <P> the entity it is a version of
 */
@NoRepositoryBean
interface VersionEntities<E extends VersionEntity<P>, P extends NamedEntity> extends Repository<E, Long> {

	E save(E version);

	@Query("select v from #{#entityName} v where v.versionOf.name = :name and v.versionNumber = :number")
	Optional<E> findByKey(String name, int number);

	@Query("select v from #{#entityName} v where v.versionOf.name = :name order by v.versionNumber")
	List<E> findAllOf(String name);

	@Query("select coalesce(max(v.versionNumber), 0) from #{#entityName} v where v.versionOf = :versionOf")
	int maxVersionNumber(P versionOf);

}
