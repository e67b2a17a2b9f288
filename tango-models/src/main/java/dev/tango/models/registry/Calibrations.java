package dev.tango.models.registry;

import java.util.List;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** The calibration results. */
interface Calibrations extends Repository<CalibrationEntity, Long> {

	CalibrationEntity save(CalibrationEntity calibration);

	@Query("select c from CalibrationEntity c where c.cascadeVersion = :version order by c.id")
	List<CalibrationEntity> findByCascadeVersion(CascadeVersionEntity version);

}
