package dev.tango.models.registry;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.orm.jpa.vendor.HibernateJpaDialect;
import org.springframework.transaction.annotation.Transactional;

import dev.tango.core.tier.Label;
import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.runtime.cascade.TierKinds;

/**
 * The registry on JPA. Immutability is enforced twice: the entities are read-only to
 * Hibernate, and the database refuses updates and deletes of their rows.
 */
@Transactional(readOnly = true)
class JpaModelRegistry implements ModelRegistry {

	private static final HibernateJpaDialect JPA_DIALECT = new HibernateJpaDialect();

	private final Models models;

	private final ModelVersions modelVersions;

	private final Cascades cascades;

	private final CascadeVersions cascadeVersions;

	private final ActivationAudits audits;

	private final Calibrations calibrations;

	private final ArtifactUriValidator uriValidator;

	private final TierKinds kinds;

	private final Clock clock;

	private final EntityManager entityManager;

	JpaModelRegistry(Models models, ModelVersions modelVersions, Cascades cascades, CascadeVersions cascadeVersions,
			ActivationAudits audits, Calibrations calibrations, ArtifactUriValidator uriValidator, TierKinds kinds,
			Clock clock, EntityManager entityManager) {
		this.models = models;
		this.modelVersions = modelVersions;
		this.cascades = cascades;
		this.cascadeVersions = cascadeVersions;
		this.audits = audits;
		this.calibrations = calibrations;
		this.uriValidator = uriValidator;
		this.kinds = kinds;
		this.clock = clock;
		this.entityManager = entityManager;
	}

	@Override
	public void checkModelVersion(NewModelVersion request) {
		RegistryRequests.checkModelVersion(request, this.uriValidator, this.kinds);
		RegistryRequests.checkExternalData(request, this.uriValidator, this.kinds);
	}

	@Override
	@Transactional
	public ModelVersion registerModelVersion(NewModelVersion request) {
		Map<ArtifactRole, ArtifactRef> artifacts = RegistryRequests.checkModelVersion(request, this.uriValidator,
				this.kinds);
		List<ExternalDataFile> externalData = RegistryRequests.checkExternalData(request, this.uriValidator,
				this.kinds);
		Instant now = now();
		ModelEntity model = lockOrCreate(this.models, request.model(), now);
		int number = this.modelVersions.maxVersionNumber(model) + 1;
		return this.modelVersions.save(new ModelVersionEntity(model, number, request, artifacts, externalData, now))
			.toView();
	}

	@Override
	public Optional<ModelVersion> findModelVersion(ModelKey key) {
		return this.modelVersions.findByKey(key.name(), key.version()).map(ModelVersionEntity::toView);
	}

	@Override
	public List<ModelVersion> listModelVersions(String model) {
		return this.modelVersions.findAllOf(model).stream().map(ModelVersionEntity::toView).toList();
	}

	@Override
	public List<String> listModels() {
		return this.models.findAllNames();
	}

	@Override
	@Transactional
	public CascadeVersion createCascadeVersion(NewCascadeVersion request) {
		RegistryNames.check("cascade", request.cascade());
		RegistryRequests.checkText("createdBy", request.createdBy(), 128, false);
		RegistryDescriptions.check(request.description());
		List<NewTier> tiers = request.tiers();
		if (tiers.isEmpty() || tiers.size() > 16) {
			throw new InvalidRegistryRequestException("A cascade has 1 to 16 tiers");
		}
		List<TierRow> rows = new ArrayList<>();
		List<Label> labels = null;
		for (int i = 0; i < tiers.size(); i++) {
			NewTier tier = tiers.get(i);
			ModelVersionEntity model = tierModel(i, tier.model());
			boolean last = i == tiers.size() - 1;
			Gate gate = tier.gate();
			RegistryRequests.checkTier(i, tier, last);
			Integer threads = tier.intraOpThreads();
			List<Label> tierLabels = model.toView().labels();
			try {
				labels = (labels == null) ? tierLabels : Label.merge(labels, tierLabels);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidRegistryRequestException("Tier " + i + " does not fit the tiers before it: "
						+ ex.getMessage() + "; all tiers need the same labels in the same order");
			}
			rows.add(new TierRow(model, gate, tier.batchSize(), tier.maxBatchDelayMillis(), threads));
		}
		Instant now = now();
		CascadeEntity cascade = lockOrCreate(this.cascades, request.cascade(), now);
		int number = this.cascadeVersions.maxVersionNumber(cascade) + 1;
		return this.cascadeVersions
			.save(new CascadeVersionEntity(cascade, number, rows, request.description(), now, request.createdBy()))
			.toView();
	}

	@Override
	public Optional<CascadeVersion> findCascadeVersion(String cascade, int version) {
		return this.cascadeVersions.findByKey(cascade, version).map(CascadeVersionEntity::toView);
	}

	@Override
	public List<CascadeVersion> listCascadeVersions(String cascade) {
		return this.cascadeVersions.findAllOf(cascade).stream().map(CascadeVersionEntity::toView).toList();
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * Declared here so that it runs in this class's read-only transaction: the class's
	 * {@code @Transactional} does not reach the interface's default method, and the
	 * versions' tiers are read lazily.
	 */
	@Override
	public List<CascadeVersion> requireCascadeVersions(String cascade) {
		return ModelRegistry.super.requireCascadeVersions(cascade);
	}

	@Override
	public List<String> listCascades() {
		return this.cascades.findAllNames();
	}

	@Override
	@Transactional
	public ActiveCascade activate(ActivationRequest request) {
		return change(request.cascade(), ActivationAction.ACTIVATE, request.actor(), request.reason(),
				request.expectedRevision(), (active) -> requireCascadeVersion(request.cascade(), request.version()));
	}

	@Override
	@Transactional
	public ActiveCascade rollback(RollbackRequest request) {
		Integer named = request.version();
		return change(request.cascade(), ActivationAction.ROLLBACK, request.actor(), request.reason(),
				request.expectedRevision(), (active) -> {
					if (active == null) {
						throw new RegistryConflictException(
								"Cascade '" + request.cascade() + "' has no active version to roll back");
					}
					if (named != null) {
						return requireCascadeVersion(request.cascade(), named);
					}
					return previousVersion(active);
				});
	}

	private CascadeVersionEntity previousVersion(ActiveCascadeEntity active) {
		CascadeVersionEntity current = active.version();
		for (ActivationAuditEntity record : this.audits.findNewestFirst(current.versionOf())) {
			if (record.action() == ActivationAction.ACTIVATE && record.toVersion().id() == current.id()) {
				CascadeVersionEntity previous = record.fromVersion();
				if (previous != null) {
					return previous;
				}
				break;
			}
		}
		throw new RegistryConflictException("Cascade '" + current.versionOf().name() + "' has no version before "
				+ current.versionNumber() + " to roll back to");
	}

	private ActiveCascade change(String cascadeName, ActivationAction action, String actor, @Nullable String reason,
			@Nullable Long expectedRevision, Function<@Nullable ActiveCascadeEntity, CascadeVersionEntity> target) {
		RegistryRequests.checkText("actor", actor, 128, false);
		RegistryRequests.checkText("reason", reason, 2000, true);
		CascadeEntity cascade = this.cascades.findByName(cascadeName)
			.orElseThrow(() -> new RegistryNotFoundException("No cascade '" + cascadeName + "'"));
		EntityManager em = entityManager();
		// A release plan starting at the same moment locks the same row: one of the two
		// sees
		// the other.
		this.cascades.lockIdByName(cascadeName);
		ActiveCascadeEntity active = em.find(ActiveCascadeEntity.class, cascade.id());
		if (expectedRevision != null && ((expectedRevision == ActivationRequest.NONE_ACTIVE) ? active != null
				: (active == null || active.revision() != expectedRevision))) {
			throw new ActivationConflictException(
					"The active version of cascade '" + cascadeName + "' changed: expected revision "
							+ ((expectedRevision == ActivationRequest.NONE_ACTIVE) ? "none" : expectedRevision)
							+ ", found " + ((active != null) ? active.revision() : "none"));
		}
		CascadeVersionEntity to = target.apply(active);
		CascadeVersionEntity from = (active != null) ? active.version() : null;
		if (from != null && from.id() == to.id()) {
			if (action == ActivationAction.ACTIVATE) {
				return active.toView();
			}
			throw new InvalidRegistryRequestException(
					"Version " + to.versionNumber() + " of cascade '" + cascadeName + "' is already active");
		}
		List<?> plans = em.createNativeQuery("SELECT id FROM release_plans WHERE running_cascade = ?1")
			.setParameter(1, cascadeName)
			.getResultList();
		if (!plans.isEmpty()) {
			throw new RegistryConflictException("Release plan " + plans.get(0) + " runs for cascade '" + cascadeName
					+ "': promote or abort it before activating or rolling back a version");
		}
		Instant now = now();
		try {
			if (active == null) {
				active = new ActiveCascadeEntity(to, now, actor);
				em.persist(active);
			}
			else {
				active.activate(to, now, actor);
			}
			this.audits.save(new ActivationAuditEntity(action, from, to, actor, reason, now));
			em.flush();
		}
		catch (RuntimeException ex) {
			if (isConflict(ex)) {
				throw new ActivationConflictException("A concurrent change of cascade '" + cascadeName
						+ "' won; read its active version again and retry", ex);
			}
			throw ex;
		}
		return active.toView();
	}

	/**
	 * Returns the stored row of a name, locked until the transaction ends, storing the
	 * name first if it is new. On PostgreSQL (at its default isolation, read committed)
	 * two transactions that bring the same new name both go on: the second waits for the
	 * first to commit, then locks its row. H2 refuses the second at once.
	 * @throws RegistryConflictException if the database refused a concurrent creation
	 */
	private static <E extends NamedEntity> E lockOrCreate(NamedEntities<E> names, String name, Instant now) {
		try {
			names.insertIfAbsent(name, now);
		}
		catch (RuntimeException ex) {
			if (isConflict(ex)) {
				throw new RegistryConflictException("'" + name + "' was created concurrently: send the request again",
						ex);
			}
			throw ex;
		}
		return names.lockIdByName(name)
			.flatMap(names::findById)
			.orElseThrow(() -> new IllegalStateException("'" + name + "' was stored and is gone"));
	}

	private static boolean isConflict(RuntimeException ex) {
		DataAccessException translated = (ex instanceof DataAccessException dae) ? dae
				: JPA_DIALECT.translateExceptionIfPossible(ex);
		if (translated instanceof ConcurrencyFailureException
				|| translated instanceof DataIntegrityViolationException) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				String state = sql.getSQLState();
				// Serialization failures and deadlocks (40xxx); H2: concurrent update,
				// lock
				// timeout.
				if ((state != null && state.startsWith("40")) || sql.getErrorCode() == 90131
						|| sql.getErrorCode() == 50200) {
					return true;
				}
			}
		}
		return false;
	}

	@Override
	public Optional<ActiveCascade> getActive(String cascade) {
		return this.cascades.findByName(cascade)
			.map((entity) -> entityManager().find(ActiveCascadeEntity.class, entity.id()))
			.map(ActiveCascadeEntity::toView);
	}

	@Override
	public List<ActiveCascade> listActive() {
		return entityManager()
			.createQuery("select a from ActiveCascadeEntity a order by a.version.versionOf.name",
					ActiveCascadeEntity.class)
			.getResultList()
			.stream()
			.map(ActiveCascadeEntity::toView)
			.toList();
	}

	@Override
	public List<ActivationRecord> history(String cascade) {
		return this.cascades.findByName(cascade)
			.map((entity) -> this.audits.findNewestFirst(entity).stream().map(ActivationAuditEntity::toView).toList())
			.orElseThrow(() -> new RegistryNotFoundException("No cascade '" + cascade + "'"));
	}

	@Override
	@Transactional
	public CalibrationResult recordCalibration(NewCalibration request) {
		CascadeVersionEntity version = requireCascadeVersion(request.cascade(), request.version());
		RegistryRequests.checkText("datasetName", request.datasetName(), 256, false);
		RegistryRequests.checkText("policy", request.policy(), 128, false);
		RegistryRequests.checkText("createdBy", request.createdBy(), 128, false);
		if (!RegistryRequests.SHA256.matcher(request.datasetSha256()).matches()) {
			throw new InvalidRegistryRequestException("datasetSha256 must be 64 hexadecimal digits");
		}
		request.parameters().forEach((name, value) -> {
			RegistryRequests.checkText("parameter name", name, 128, false);
			RegistryRequests.checkText("parameter " + name, value, 2048, false);
		});
		int gates = version.toView().tiers().size() - 1;
		request.thresholds().forEach((gate, threshold) -> {
			RegistryRequests.checkGate(gate, gates);
			RegistryRequests.checkUnit("threshold", threshold);
		});
		for (CalibrationPoint point : request.curve()) {
			RegistryRequests.checkGate(point.gate(), gates);
			RegistryRequests.checkUnit("threshold", point.threshold());
			RegistryRequests.checkUnit("accuracy", point.accuracy());
			RegistryRequests.checkUnit("escalation", point.escalation());
			if (!(point.estimatedSpeedup() > 0) || Double.isInfinite(point.estimatedSpeedup())) {
				throw new InvalidRegistryRequestException("estimatedSpeedup must be positive");
			}
		}
		CalibrationEntity entity = new CalibrationEntity(version, request,
				request.datasetSha256().toLowerCase(Locale.ROOT), now());
		return this.calibrations.save(entity).toView();
	}

	@Override
	public List<CalibrationResult> listCalibrations(String cascade, int version) {
		return this.calibrations.findByCascadeVersion(requireCascadeVersion(cascade, version))
			.stream()
			.map(CalibrationEntity::toView)
			.toList();
	}

	/** A tier's model version: one the request refers to, so a missing one is invalid. */
	private ModelVersionEntity tierModel(int tier, ModelKey key) {
		return this.modelVersions.findByKey(key.name(), key.version())
			.orElseThrow(() -> new InvalidRegistryRequestException(
					"Tier " + tier + ": no model version " + key + " is registered"));
	}

	private CascadeVersionEntity requireCascadeVersion(String cascade, int version) {
		return this.cascadeVersions.findByKey(cascade, version)
			.orElseThrow(
					() -> new RegistryNotFoundException("No version " + version + " of cascade '" + cascade + "'"));
	}

	private EntityManager entityManager() {
		return this.entityManager;
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
