package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The cascades. */
interface Cascades extends Repository<CascadeEntity, Long> {

	CascadeEntity save(CascadeEntity cascade);

	Optional<CascadeEntity> findByName(String name);

	/** Finds a cascade and locks its row until the transaction ends. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select c from CascadeEntity c where c.name = :name")
	Optional<CascadeEntity> lockByName(String name);

	@Query("select c.name from CascadeEntity c order by c.name")
	List<String> findAllNames();

}
