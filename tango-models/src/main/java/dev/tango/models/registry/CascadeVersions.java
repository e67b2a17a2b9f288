package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The cascade versions. */
interface CascadeVersions extends Repository<CascadeVersionEntity, Long> {

	CascadeVersionEntity save(CascadeVersionEntity version);

	@Query("select v from CascadeVersionEntity v where v.cascade.name = :name and v.versionNumber = :number")
	Optional<CascadeVersionEntity> findByKey(String name, int number);

	@Query("select v from CascadeVersionEntity v where v.cascade.name = :name order by v.versionNumber")
	List<CascadeVersionEntity> findByCascadeName(String name);

	@Query("select coalesce(max(v.versionNumber), 0) from CascadeVersionEntity v where v.cascade = :cascade")
	int maxVersionNumber(CascadeEntity cascade);

}
