package dev.tango.models.seed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import dev.tango.models.artifact.ArtifactUriValidator;
import dev.tango.models.registry.ActivationRequest;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelKey;
import dev.tango.models.registry.ModelRegistry;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.NewCascadeVersion;
import dev.tango.models.registry.NewModelVersion;
import dev.tango.models.registry.NewTier;
import dev.tango.models.registry.RegistryConflictException;

/**
 * Registers the cascade of a cascade descriptor (the runtime's {@code tango-cascade}
 * format, see {@link dev.tango.runtime.cascade.CascadeDescriptor}) on first start: if the
 * cascade does not exist yet, one model version per tier (reusing identical ones), the
 * cascade's first version, the descriptor's calibration record if it has one (with the
 * drift reference, see {@link DescriptorCalibration}), and its activation, all in one
 * transaction. Idempotent, also when several instances start at once. Runs once every
 * singleton is created, before lifecycle beans start.
 * <p>
 * Each tier becomes a model version of the tier's kind: {@code encoder-linear} with
 * model, tokenizer and head, {@code lexical-linear} with its head,
 * {@code onnx-classifier} with model and tokenizer (labels and activation from its
 * {@code config.json}); label identifiers, input limit and pooling come from the head
 * file or configuration, display names from the descriptor's {@code labels} and a
 * classifier's {@code id2label}, engine options from the tier's {@code onnxRuntime}
 * settings as written, except {@code intraOpThreads}, which the cascade version's tier
 * carries. Every tier but the last gets a gate from its threshold, confidence measure and
 * temperature; every tier a batch delay of 2 ms.
 */
public final class CascadeSeeder implements SmartInitializingSingleton {

	/** Who seeded, as recorded in the registry. */
	public static final String ACTOR = "tango-seed";

	private static final Logger logger = LoggerFactory.getLogger(CascadeSeeder.class);

	private final ModelRegistry registry;

	private final TransactionTemplate transactions;

	private final ResourceLoader resources;

	private final ArtifactUriValidator validator;

	private final String location;

	/**
	 * Creates a seeder.
	 * @param registry the registry
	 * @param transactions runs the seeding in one transaction
	 * @param resources loads the descriptor and its {@code classpath:} artifacts
	 * @param validator judges the descriptor's artifact URIs before they are read
	 * @param location the descriptor's location (a Spring resource location); empty to
	 * seed nothing
	 */
	public CascadeSeeder(ModelRegistry registry, TransactionTemplate transactions, ResourceLoader resources,
			ArtifactUriValidator validator, String location) {
		this.registry = registry;
		this.transactions = transactions;
		this.resources = resources;
		this.validator = validator;
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
		byte[] content = content(resource);
		DescriptorReader descriptor = open(resource, content);
		if (!this.registry.listCascadeVersions(descriptor.cascade()).isEmpty()) {
			logger.debug("Cascade {} is registered already", descriptor.cascade());
			return Outcome.PRESENT;
		}
		SeedPlan plan = plan(descriptor);
		DescriptorCalibration calibration = calibration(content, plan);
		try {
			CascadeVersion version = Objects
				.requireNonNull(this.transactions.execute((status) -> register(plan, calibration)));
			logger.info("Registered cascade {} version {} from {}", plan.cascade(), version.version(), this.location);
			return Outcome.SEEDED;
		}
		catch (RegistryConflictException | DataIntegrityViolationException ex) {
			if (!this.registry.listCascadeVersions(plan.cascade()).isEmpty()) {
				logger.info("Cascade {} was registered concurrently", plan.cascade());
				return Outcome.PRESENT;
			}
			throw ex;
		}
	}

	/**
	 * Registers the plan's model versions, except those that exist already with the same
	 * content, and its cascade version, and activates it.
	 */
	private CascadeVersion register(SeedPlan plan, @Nullable DescriptorCalibration calibration) {
		List<NewTier> tiers = new ArrayList<>();
		for (SeedPlan.Tier tier : plan.tiers()) {
			ModelKey model = existing(tier.model())
				.orElseGet(() -> this.registry.registerModelVersion(tier.model()).key());
			tiers.add(new NewTier(model, tier.gate(), tier.batchSize(), tier.maxBatchDelayMillis(),
					tier.intraOpThreads()));
		}
		CascadeVersion version = this.registry.createCascadeVersion(
				new NewCascadeVersion(plan.cascade(), tiers, "Registered from " + this.location, ACTOR));
		if (calibration != null) {
			this.registry.recordCalibration(calibration.forVersion(plan.cascade(), version.version(), ACTOR));
		}
		this.registry
			.activate(ActivationRequest.of(plan.cascade(), version.version(), ACTOR, "Seeded from " + this.location));
		return version;
	}

	private Optional<ModelKey> existing(NewModelVersion request) {
		return this.registry.listModelVersions(request.model())
			.stream()
			.filter((existing) -> sameContent(existing, request))
			.map(ModelVersion::key)
			.findFirst();
	}

	private static boolean sameContent(ModelVersion existing, NewModelVersion request) {
		return existing.kind().equals(request.kind()) && existing.artifacts().equals(request.artifacts())
				&& existing.labels().equals(request.labels()) && existing.maxInputLength() == request.maxInputLength()
				&& existing.pooling() == request.pooling() && existing.options().equals(request.options());
	}

	private byte[] content(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw unreadable(ex);
		}
	}

	private DescriptorReader open(Resource resource, byte[] content) {
		ClassLoader classLoader = Objects.requireNonNullElseGet(this.resources.getClassLoader(),
				ClassUtils::getDefaultClassLoader);
		try {
			return new DescriptorReader(this.validator, classLoader, this.location, resource, content);
		}
		catch (IOException ex) {
			throw unreadable(ex);
		}
	}

	private @Nullable DescriptorCalibration calibration(byte[] content, SeedPlan plan) {
		try {
			return DescriptorCalibration.read(new ByteArrayInputStream(content), this.location,
					plan.tiers().get(0).model().labels().size());
		}
		catch (IOException ex) {
			throw unreadable(ex);
		}
	}

	private SeedPlan plan(DescriptorReader descriptor) {
		try {
			return descriptor.plan();
		}
		catch (IOException ex) {
			throw unreadable(ex);
		}
	}

	private IllegalStateException unreadable(IOException ex) {
		return new IllegalStateException(
				"Cannot read the cascade descriptor at " + this.location + ": " + ex.getMessage(), ex);
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
