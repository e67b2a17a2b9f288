package dev.tango.models.registry;

import java.util.List;
import java.util.Optional;

/**
 * The registry of models, cascades, activations and calibrations: the one source of truth
 * for what is served. Versions are immutable once created; there is no update. Every
 * method runs in its own transaction (or joins the caller's). Thread-safe.
 * <p>
 * Methods that name a model, cascade or version that does not exist throw
 * {@link RegistryNotFoundException}; requests that break a rule throw
 * {@link InvalidRegistryRequestException}, or
 * {@link dev.tango.models.artifact.ArtifactException} for a refused artifact URI.
 */
public interface ModelRegistry {

	/**
	 * Registers a new version of a model, creating the model if needed. Every artifact
	 * URI is validated.
	 * @param request the version
	 * @return the registered version, numbered one past the model's latest
	 */
	ModelVersion registerModelVersion(NewModelVersion request);

	/**
	 * Checks a model version to register by the rules {@link #registerModelVersion}
	 * applies, without storing it or reading any artifact, so that a caller can refuse a
	 * bad request before it fetches anything.
	 * @param request the version
	 */
	void checkModelVersion(NewModelVersion request);

	/**
	 * Returns one model version.
	 * @param key the model's name and version number
	 * @return the version, or empty
	 */
	Optional<ModelVersion> findModelVersion(ModelKey key);

	/**
	 * Lists the versions of a model, oldest first.
	 * @param model the model's name
	 * @return the versions, empty if the model does not exist
	 */
	List<ModelVersion> listModelVersions(String model);

	/**
	 * Lists the names of all models, sorted.
	 * @return the names
	 */
	List<String> listModels();

	/**
	 * Creates a new version of a cascade, creating the cascade if needed.
	 * @param request the version
	 * @return the created version, numbered one past the cascade's latest
	 * @throws InvalidRegistryRequestException if a tier's settings are invalid, its model
	 * version is not registered, or the tiers' labels differ
	 */
	CascadeVersion createCascadeVersion(NewCascadeVersion request);

	/**
	 * Returns one cascade version.
	 * @param cascade the cascade's name
	 * @param version the version number
	 * @return the version, or empty
	 */
	Optional<CascadeVersion> findCascadeVersion(String cascade, int version);

	/**
	 * Lists the versions of a cascade, oldest first.
	 * @param cascade the cascade's name
	 * @return the versions, empty if the cascade does not exist
	 */
	List<CascadeVersion> listCascadeVersions(String cascade);

	/**
	 * Lists the versions of a cascade that must exist, oldest first.
	 * @param cascade the cascade's name
	 * @return the versions, never empty
	 * @throws RegistryNotFoundException if the cascade has no version
	 */
	default List<CascadeVersion> requireCascadeVersions(String cascade) {
		List<CascadeVersion> versions = listCascadeVersions(cascade);
		if (versions.isEmpty()) {
			throw new RegistryNotFoundException("No cascade '" + cascade + "'");
		}
		return versions;
	}

	/**
	 * Lists the names of all cascades, sorted.
	 * @return the names
	 */
	List<String> listCascades();

	/**
	 * Makes a cascade version the active one and writes an audit record. Activating the
	 * version that is already active changes nothing and writes no record.
	 * @param request the request
	 * @return the active version afterwards
	 * @throws ActivationConflictException if a concurrent activation or rollback won, or
	 * the active revision is not the expected one
	 * @throws RegistryConflictException if a release plan runs for the cascade: its
	 * promotion or abortion decides the next version
	 */
	ActiveCascade activate(ActivationRequest request);

	/**
	 * Rolls a cascade back to its previous active version, or to a named one, and writes
	 * an audit record.
	 * @param request the request
	 * @return the active version afterwards
	 * @throws RegistryConflictException if nothing is active, there is no previous
	 * version or a release plan runs for the cascade ({@link ActivationConflictException}
	 * if a concurrent change won)
	 */
	ActiveCascade rollback(RollbackRequest request);

	/**
	 * Returns the active version of a cascade.
	 * @param cascade the cascade's name
	 * @return the active version, or empty if none was ever activated
	 */
	Optional<ActiveCascade> getActive(String cascade);

	/**
	 * Lists the active versions of all cascades, by cascade name.
	 * @return the active versions
	 */
	List<ActiveCascade> listActive();

	/**
	 * Lists the activations and rollbacks of a cascade, newest first.
	 * @param cascade the cascade's name
	 * @return the audit records
	 */
	List<ActivationRecord> history(String cascade);

	/**
	 * Records a calibration result for a cascade version.
	 * @param request the result
	 * @return the recorded result
	 */
	CalibrationResult recordCalibration(NewCalibration request);

	/**
	 * Lists the calibration results of a cascade version, oldest first.
	 * @param cascade the cascade's name
	 * @param version the version number
	 * @return the results
	 */
	List<CalibrationResult> listCalibrations(String cascade, int version);

}
