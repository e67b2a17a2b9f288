package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The model versions. */
interface ModelVersions extends Repository<ModelVersionEntity, Long> {

	ModelVersionEntity save(ModelVersionEntity version);

	@Query("select v from ModelVersionEntity v where v.model.name = :name and v.versionNumber = :number")
	Optional<ModelVersionEntity> findByKey(String name, int number);

	@Query("select v from ModelVersionEntity v where v.model.name = :name order by v.versionNumber")
	List<ModelVersionEntity> findByModelName(String name);

	@Query("select coalesce(max(v.versionNumber), 0) from ModelVersionEntity v where v.model = :model")
	int maxVersionNumber(ModelEntity model);

}
