package dev.tango.models.loading;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.models.artifact.ArtifactException;
import dev.tango.models.registry.CascadeTier;
import dev.tango.models.registry.CascadeVersion;
import dev.tango.models.registry.ModelResolver;
import dev.tango.models.registry.ModelVersion;
import dev.tango.models.registry.ResolvedModel;
import dev.tango.runtime.cascade.CascadeLoader;
import dev.tango.runtime.cascade.CascadeSpec;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierKinds;
import dev.tango.runtime.cascade.TierOpenException;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.onnx.OrtOptions;

/**
 * Loads cascade versions in two steps, so that nothing native is opened for a version
 * that cannot load: first every tier's kind is looked up, its artifacts fetched and
 * verified against their sha256, its {@link TierSpec} made (the tier's intra-op threads,
 * where it sets them, over its model version's options, over the defaults), and what its
 * kind reads from the files checked against the model version; then the runtime's one
 * {@link CascadeLoader} opens the spec, closing the tiers again if one fails.
 * Thread-safe: it keeps no state between loads.
 */
final class RegistryCascadeVersionLoader implements CascadeVersionLoader {

	private static final Logger logger = LoggerFactory.getLogger(RegistryCascadeVersionLoader.class);

	private final ModelResolver resolver;

	private final OrtOptions defaults;

	private final TierKinds kinds;

	RegistryCascadeVersionLoader(ModelResolver resolver, OrtOptions defaults, TierKinds kinds) {
		this.resolver = Objects.requireNonNull(resolver, "resolver");
		this.defaults = Objects.requireNonNull(defaults, "defaults");
		this.kinds = Objects.requireNonNull(kinds, "kinds");
	}

	@Override
	public LoadedCascadeVersion load(CascadeVersion version) {
		long start = System.nanoTime();
		List<TierKind> tierKinds = new ArrayList<>();
		for (CascadeTier tier : version.tiers()) {
			try {
				tierKinds.add(this.kinds.get(tier.model().kind()));
			}
			catch (InvalidTierSpecException ex) {
				throw failure(version, tier, ex.problem() + ", so this cascade version cannot be served here", ex);
			}
		}
		VerifiedFiles files = new VerifiedFiles(this.resolver);
		List<TierSpec> specs = new ArrayList<>();
		for (int i = 0; i < version.tiers().size(); i++) {
			CascadeTier tier = version.tiers().get(i);
			ResolvedModel resolved = resolve(version, tier);
			files.add(resolved);
			try {
				TierSpec spec = TierSpecs.of(tier, resolved, tierKinds.get(i), this.defaults);
				ModelContents.requireRecorded(tier.model(), tierKinds.get(i), spec, files);
				specs.add(spec);
			}
			catch (IOException | IllegalArgumentException ex) {
				throw failure(version, tier, ex.getMessage(), ex);
			}
		}
		CascadeSpec spec = new CascadeSpec(version.cascade(), specs);
		LoadedCascadeVersion loaded;
		try {
			loaded = new LoadedCascadeVersion(version, new CascadeLoader(files, this.kinds).open(spec));
		}
		catch (TierOpenException ex) {
			throw failure(version, version.tiers().get(ex.tierIndex()), "cannot open the tier: " + ex.detail(), ex);
		}
		logger.info("Loaded cascade {} version {} with tiers {} in {} ms", version.cascade(), version.version(),
				specs.stream().map(TierSpec::name).toList(), (System.nanoTime() - start) / 1_000_000);
		return loaded;
	}

	private ResolvedModel resolve(CascadeVersion version, CascadeTier tier) {
		try {
			return this.resolver.resolve(tier.model());
		}
		catch (ArtifactException ex) {
			throw failure(version, tier, ex.getMessage(), ex);
		}
		catch (RuntimeException ex) {
			throw failure(version, tier, "cannot resolve its artifacts: " + ex, ex);
		}
	}

	private static CascadeLoadException failure(CascadeVersion version, CascadeTier tier, @Nullable String detail,
			@Nullable Throwable cause) {
		ModelVersion model = tier.model();
		return new CascadeLoadException("Cannot load cascade " + version.cascade() + " version " + version.version()
				+ ", tier " + tier.index() + " (model " + model.key() + ", " + model.kind() + "): " + detail,
				tier.index(), cause);
	}

}
