package dev.tango.models.seed;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.support.TransactionTemplate;

import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.ArtifactRef;
import dev.tango.models.registry.ArtifactRole;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.registry.RegistryConflictException;

/**
 * Registers the cascade of a {@link CascadeDescriptor} on first start: if the cascade
 * does not exist yet, its model versions (reusing identical ones), its first version, and
 * its activation, all in one transaction. Idempotent, also when several instances start
 * at once. Runs once every singleton is created, before lifecycle beans start.
 */
public final class CascadeSeeder implements SmartInitializingSingleton {

	/** Who seeded, as recorded in the registry. */
	public static final String ACTOR = "tango-seed";

	private static final Logger logger = LoggerFactory.getLogger(CascadeSeeder.class);

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final ModelRegistry registry;

	private final TransactionTemplate transactions;

	private final ResourceLoader resources;

	private final String location;

	/**
	 * Creates a seeder.
	 * @param registry the registry
	 * @param transactions runs the seeding in one transaction
	 * @param resources loads the descriptor
	 * @param location the descriptor's location; empty to seed nothing
	 */
	public CascadeSeeder(ModelRegistry registry, TransactionTemplate transactions, ResourceLoader resources,
			String location) {
		this.registry = registry;
		this.transactions = transactions;
		this.resources = resources;
		this.location = location;
	}

	@Override
	public void afterSingletonsInstantiated() {
		seed();
	}

	/**
	 * Seeds, unless there is nothing to do.
	 * @return what happened
	 */
	public Outcome seed() {
		if (this.location.isBlank()) {
			return Outcome.DISABLED;
		}
		Resource resource = this.resources.getResource(this.location);
		if (!resource.exists()) {
			logger.warn("No cascade descriptor at {}: nothing seeded", this.location);
			return Outcome.NO_DESCRIPTOR;
		}
		CascadeDescriptor descriptor = read(resource);
		if (!this.registry.listCascadeVersions(descriptor.name()).isEmpty()) {
			logger.debug("Cascade {} is registered already", descriptor.name());
			return Outcome.PRESENT;
		}
		try {
			CascadeVersion version = Objects
				.requireNonNull(this.transactions.execute((status) -> register(descriptor)));
			logger.info("Registered cascade {} version {} from {}", descriptor.name(), version.version(),
					this.location);
			return Outcome.SEEDED;
		}
		catch (RegistryConflictException | org.springframework.dao.DataIntegrityViolationException ex) {
			if (!this.registry.listCascadeVersions(descriptor.name()).isEmpty()) {
				logger.info("Cascade {} was registered concurrently", descriptor.name());
				return Outcome.PRESENT;
			}
			throw ex;
		}
	}

	private CascadeVersion register(CascadeDescriptor descriptor) {
		List<CascadeDescriptor.Tier> tiers = descriptor.tiers();
		List<NewTier> newTiers = new ArrayList<>();
		for (int i = 0; i < tiers.size(); i++) {
			CascadeDescriptor.Tier tier = tiers.get(i);
			ModelVersion model = modelVersion(tier.model());
			Gate gate = null;
			if (i < tiers.size() - 1 || tier.threshold() != null) {
				gate = new Gate(Objects.requireNonNullElse(tier.threshold(), Double.NaN),
						Objects.requireNonNullElse(tier.confidence(), ConfidenceMeasure.MAX_PROBABILITY),
						Objects.requireNonNullElse(tier.temperature(), 1.0));
			}
			newTiers.add(new NewTier(model.key(), gate, Objects.requireNonNullElse(tier.batchSize(), 1),
					Objects.requireNonNullElse(tier.maxBatchDelayMs(), 0)));
		}
		CascadeVersion version = this.registry
			.createCascadeVersion(new NewCascadeVersion(descriptor.name(), newTiers, descriptor.description(), ACTOR));
		if (!Boolean.FALSE.equals(descriptor.activate())) {
			this.registry.activate(
					ActivationRequest.of(descriptor.name(), version.version(), ACTOR, "Seeded from " + this.location));
		}
		return version;
	}

	private ModelVersion modelVersion(CascadeDescriptor.Model model) {
		Map<ArtifactRole, ArtifactRef> artifacts = new EnumMap<>(ArtifactRole.class);
		model.artifacts()
			.forEach((role, artifact) -> artifacts.put(ArtifactRole.valueOf(role.toUpperCase(Locale.ROOT)),
					new ArtifactRef(resolve(artifact.uri()),
							(artifact.sha256() != null) ? artifact.sha256().toLowerCase(Locale.ROOT) : null)));
		NewModelVersion request = new NewModelVersion(model.name(), model.kind(), artifacts, model.labels(),
				model.maxInputLength(), model.pooling(), Objects.requireNonNullElse(model.options(), Map.of()),
				model.description(), ACTOR);
		Optional<ModelVersion> same = this.registry.listModelVersions(model.name())
			.stream()
			.filter((existing) -> sameContent(existing, request))
			.findFirst();
		return same.orElseGet(() -> this.registry.registerModelVersion(request));
	}

	private static boolean sameContent(ModelVersion existing, NewModelVersion request) {
		return existing.kind() == request.kind() && existing.artifacts().equals(request.artifacts())
				&& existing.labels().equals(request.labels()) && existing.maxInputLength() == request.maxInputLength()
				&& existing.pooling() == request.pooling() && existing.options().equals(request.options());
	}

	private String resolve(String uri) {
		if (uri.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
			return uri;
		}
		if (!this.location.startsWith("classpath:")) {
			return uri;
		}
		String base = this.location.substring(0, this.location.lastIndexOf('/') + 1);
		return base + uri;
	}

	private CascadeDescriptor read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return JSON.readValue(in, CascadeDescriptor.class);
		}
		catch (IOException | JacksonException ex) {
			throw new IllegalStateException("Cannot read the cascade descriptor at " + this.location, ex);
		}
	}

	/** What {@link #seed()} did. */
	public enum Outcome {

		/** The cascade was registered (and activated). */
		SEEDED,

		/** The cascade existed already; nothing changed. */
		PRESENT,

		/** No descriptor location is configured. */
		DISABLED,

		/** There is no descriptor at the configured location. */
		NO_DESCRIPTOR

	}

}
