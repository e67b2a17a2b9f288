package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The models. */
interface Models extends Repository<ModelEntity, Long> {

	ModelEntity save(ModelEntity model);

	Optional<ModelEntity> findByName(String name);

	/** Finds a model and locks its row until the transaction ends. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select m from ModelEntity m where m.name = :name")
	Optional<ModelEntity> lockByName(String name);

	@Query("select m.name from ModelEntity m order by m.name")
	List<String> findAllNames();

}
