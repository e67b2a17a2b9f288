package dev.tango.models.registry;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/** The models. */
interface Models extends NamedEntities<ModelEntity> {

	@Override
	@Query(value = "select id from models where name = :name for update", nativeQuery = true)
	Optional<Long> lockIdByName(String name);

	@Override
	@Modifying
	@Query(value = "insert into models (name, created_at) values (:name, :createdAt) on conflict do nothing",
			nativeQuery = true)
	int insertIfAbsent(String name, Instant createdAt);

}
