package dev.tango.models.loading;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.core.cascade.Cascade;
import dev.tango.core.cascade.Stage;
import dev.tango.core.confidence.ConfidenceMeasure;
import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Tier;
import dev.tango.models.artifact.ArtifactException;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.Gate;
import dev.tango.models.registry.ModelKind;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * Loads cascade versions in two steps, so that nothing native is opened for a version
 * that cannot load: first every tier is resolved (artifacts fetched and verified against
 * their sha256), its head file read and checked against the model version, and its
 * options parsed (the tier's intra-op threads, where it sets them, over its model
 * version's options, over the defaults); then the tiers are opened in order, and closed
 * again if one fails. Thread-safe: it keeps no state between loads.
 */
final class RegistryCascadeVersionLoader implements CascadeVersionLoader {

	private static final Logger logger = LoggerFactory.getLogger(RegistryCascadeVersionLoader.class);

	private final ModelResolver resolver;

	private final OrtOptions defaults;

	private final TierOpener opener;

	RegistryCascadeVersionLoader(ModelResolver resolver, OrtOptions defaults) {
		this(resolver, defaults, new RuntimeTierOpener());
	}

	RegistryCascadeVersionLoader(ModelResolver resolver, OrtOptions defaults, TierOpener opener) {
		this.resolver = Objects.requireNonNull(resolver, "resolver");
		this.defaults = Objects.requireNonNull(defaults, "defaults");
		this.opener = Objects.requireNonNull(opener, "opener");
	}

	@Override
	public LoadedCascadeVersion load(CascadeVersion version) {
		long start = System.nanoTime();
		for (CascadeTier tier : version.tiers()) {
			if (tier.model().kind() == ModelKind.REMOTE_OIP) {
				throw failure(version, tier, "REMOTE_OIP models are not implemented by the runtime yet, "
						+ "so this cascade version cannot be served here", null);
			}
		}
		List<PreparedTier> prepared = new ArrayList<>();
		for (CascadeTier tier : version.tiers()) {
			prepared.add(prepare(version, tier));
		}
		List<Tier> opened = new ArrayList<>();
		try {
			List<Stage> stages = new ArrayList<>();
			List<Duration> delays = new ArrayList<>();
			List<Integer> threads = new ArrayList<>();
			for (PreparedTier tier : prepared) {
				Tier open = open(version, tier);
				opened.add(open);
				stages.add(stage(open, tier.tier()));
				delays.add(Duration.ofMillis(tier.tier().maxBatchDelayMillis()));
				threads.add((tier.tier().model().kind() == ModelKind.LEXICAL) ? 1 : tier.options().intraOpThreads());
			}
			checkCompatible(version, stages);
			LoadedCascadeVersion loaded = new LoadedCascadeVersion(version, stages, delays, threads);
			logger.info("Loaded cascade {} version {} with tiers {} in {} ms", version.cascade(), version.version(),
					opened.stream().map(Tier::name).toList(), (System.nanoTime() - start) / 1_000_000);
			return loaded;
		}
		catch (RuntimeException ex) {
			Tiers.closeAll(opened, ex);
			throw ex;
		}
	}

	private PreparedTier prepare(CascadeVersion version, CascadeTier tier) {
		ModelVersion model = tier.model();
		ResolvedModel resolved;
		try {
			resolved = this.resolver.resolve(model);
		}
		catch (ArtifactException ex) {
			throw failure(version, tier, ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw failure(version, tier, "cannot resolve its artifacts: " + ex, ex);
		}
		try {
			OrtOptions options = EngineOptions.ortOptions(model.options(), this.defaults);
			Integer threads = tier.intraOpThreads();
			if (threads != null) {
				options = options.withIntraOpThreads(threads);
			}
			HeadFile head = ModelContents.head(resolved);
			return switch (model.kind()) {
				case ENCODER_HEAD, LEXICAL -> new PreparedTier(tier, resolved, head, options, Activation.SOFTMAX);
				case ONNX_CLASSIFIER ->
					new PreparedTier(tier, resolved, null, options, EngineOptions.activation(model.options()));
				case REMOTE_OIP -> throw new IllegalStateException("REMOTE_OIP models are not implemented");
			};
		}
		catch (IOException | IllegalArgumentException ex) {
			throw failure(version, tier, ex.getMessage(), ex);
		}
	}

	private Tier open(CascadeVersion version, PreparedTier tier) {
		Tier open;
		try {
			open = this.opener.open(tier);
		}
		catch (IOException | RuntimeException ex) {
			throw failure(version, tier.tier(), "cannot open the tier: " + ex.getMessage(), ex);
		}
		if (!open.labels().equals(tier.model().labels())) {
			CascadeLoadException failure = failure(version, tier.tier(),
					"the tier has labels " + open.labels() + ", the model version " + tier.model().labels(), null);
			Tiers.closeAll(List.of(open), failure);
			throw failure;
		}
		return open;
	}

	private static Stage stage(Tier tier, CascadeTier settings) {
		Gate gate = settings.gate();
		if (gate == null) {
			return new Stage(tier, settings.batchSize(), ConfidenceMeasure.MAX_PROBABILITY, 1.0, 0.0);
		}
		return new Stage(tier, settings.batchSize(), gate.measure(), gate.temperature(), gate.threshold());
	}

	private static void checkCompatible(CascadeVersion version, List<Stage> stages) {
		try {
			new Cascade(stages);
		}
		catch (IllegalArgumentException ex) {
			throw new CascadeLoadException(describe(version) + ": " + ex.getMessage(), ex);
		}
	}

	private static CascadeLoadException failure(CascadeVersion version, CascadeTier tier, @Nullable String detail,
			@Nullable Throwable cause) {
		ModelVersion model = tier.model();
		return new CascadeLoadException(describe(version) + ", tier " + tier.index() + " (model " + model.key() + ", "
				+ model.kind() + "): " + detail, tier.index(), cause);
	}

	private static String describe(CascadeVersion version) {
		return "Cannot load cascade " + version.cascade() + " version " + version.version();
	}

}
