package dev.tango.models.registry;

import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The audit trail of activations and rollbacks. */
interface ActivationAudits extends Repository<ActivationAuditEntity, Long> {

	ActivationAuditEntity save(ActivationAuditEntity record);

	@Query("select a from ActivationAuditEntity a where a.cascade = :cascade order by a.id desc")
	List<ActivationAuditEntity> findNewestFirst(CascadeEntity cascade);

}
