package dev.tango.runtime.cascade;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tango.core.cascade.StageSettings;
import dev.tango.core.tier.Label;
import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.io.InputFiles;

/**
 * Opens a {@link CascadeSpec} into a {@link LoadedCascade}: the one loader of cascades,
 * whether their spec comes from a descriptor file or from the registry. Every tier is
 * checked by its {@link TierKind} before any is opened; the tiers are then opened in
 * order through the kinds, resolving artifact URIs through one {@link ArtifactSource}.
 * Every tier must report the labels its spec names (by identifier, if it names any), and
 * the same labels in the same order and the same activation as the first tier; display
 * names come from the specs, and two tiers may not show one label by different names, so
 * that the cascade has one set of labels ({@link LoadedCascade#labels()}). If a tier
 * fails, the tiers already opened are closed. Thread-safe: it keeps no state between
 * loads.
 */
public final class CascadeLoader {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:");

	private static final Logger logger = LoggerFactory.getLogger(CascadeLoader.class);

	private final ArtifactSource source;

	private final TierKinds kinds;

	/**
	 * Creates a loader over the installed tier kinds.
	 * @param source resolves artifact URIs
	 */
	public CascadeLoader(ArtifactSource source) {
		this(source, TierKinds.installed());
	}

	/**
	 * Creates a loader.
	 * @param source resolves artifact URIs
	 * @param kinds the tier kinds it can open
	 */
	public CascadeLoader(ArtifactSource source, TierKinds kinds) {
		this.source = Objects.requireNonNull(source, "source");
		this.kinds = Objects.requireNonNull(kinds, "kinds");
	}

	/**
	 * Loads a descriptor file; relative plain paths in it are resolved against its
	 * folder.
	 * @param descriptor the file
	 * @return the opened tiers, to be closed by the caller
	 * @throws IOException if the descriptor is invalid or an artifact cannot be opened
	 */
	public LoadedCascade load(Path descriptor) throws IOException {
		CascadeSpec parsed;
		try (InputStream in = InputFiles.open(descriptor)) {
			parsed = new CascadeDescriptor(this.kinds).read(in, descriptor.toString());
		}
		Path base = descriptor.toAbsolutePath().getParent();
		return open(parsed.map((tier) -> tier.withArtifactUris((uri) -> resolve(uri, base))));
	}

	/**
	 * Opens the tiers of a cascade.
	 * @param spec the cascade
	 * @return the opened tiers, to be closed by the caller
	 * @throws TierOpenException naming the tier that a kind refuses, that cannot be
	 * opened, or whose labels or activation do not fit
	 */
	public LoadedCascade open(CascadeSpec spec) throws TierOpenException {
		List<TierKind> tierKinds = new ArrayList<>();
		for (int i = 0; i < spec.tiers().size(); i++) {
			TierSpec tier = spec.tiers().get(i);
			try {
				tierKinds.add(this.kinds.validate(tier));
			}
			catch (IllegalArgumentException ex) {
				throw new TierOpenException(i, tier.kind(), ex.getMessage(), ex);
			}
		}
		List<LoadedTier> opened = new ArrayList<>();
		try {
			for (int i = 0; i < spec.tiers().size(); i++) {
				opened.add(openTier(spec.tiers().get(i), tierKinds.get(i), i, opened));
			}
		}
		catch (TierOpenException | RuntimeException | Error ex) {
			// An Error too (out of memory): the tiers opened hold native sessions.
			LoadedCascade.closeAll(opened.stream().map(LoadedTier::tier).toList(), ex);
			throw ex;
		}
		logger.info("Opened cascade {} with tiers {}", spec.name(),
				opened.stream().map((t) -> t.tier().name()).toList());
		return new LoadedCascade(spec.name(), opened);
	}

	private LoadedTier openTier(TierSpec spec, TierKind kind, int index, List<LoadedTier> before)
			throws TierOpenException {
		Tier tier;
		try {
			tier = kind.open(spec, this.source);
		}
		catch (IOException | RuntimeException ex) {
			throw new TierOpenException(index, spec.kind(), ex.getMessage(), ex);
		}
		try {
			checkFits(tier, spec, before);
			int batchSize = (spec.batchSize() != null) ? spec.batchSize() : tier.preferredBatchSize();
			StageSettings settings = spec.settings().withBatchSize(batchSize);
			List<Label> labels = spec.labels().isEmpty() ? Label.of(tier.labels()) : spec.labels();
			// refuses a label that an earlier tier shows by another name
			List<Label> shown = labels;
			for (LoadedTier earlier : before) {
				shown = Label.merge(earlier.labels(), shown);
			}
			return new LoadedTier(tier, labels, settings, spec.maxBatchDelay(), kind.threadsPerCall(spec));
		}
		catch (IllegalArgumentException ex) {
			TierOpenException failure = new TierOpenException(index, spec.kind(), ex.getMessage(), ex);
			LoadedCascade.closeAll(List.of(tier), failure);
			throw failure;
		}
	}

	private static void checkFits(Tier tier, TierSpec spec, List<LoadedTier> before) {
		if (!spec.labels().isEmpty() && !tier.labels().equals(spec.labelIds())) {
			throw new IllegalArgumentException(
					"the tier has labels " + tier.labels() + ", its spec says " + spec.labelIds());
		}
		if (before.isEmpty()) {
			return;
		}
		Tier first = before.get(0).tier();
		if (!tier.labels().equals(first.labels())) {
			throw new IllegalArgumentException("tier " + tier.name() + " has labels " + tier.labels() + ", tier "
					+ first.name() + " has " + first.labels() + ": all tiers need the same labels in the same order");
		}
		if (tier.activation() != first.activation()) {
			throw new IllegalArgumentException("tier " + tier.name() + " uses " + tier.activation() + ", tier "
					+ first.name() + " uses " + first.activation() + ": all tiers need the same activation");
		}
	}

	private static String resolve(String uri, Path base) {
		if (SCHEME.matcher(uri).find()) {
			return uri;
		}
		Path path = Path.of(uri);
		return path.isAbsolute() ? uri : base.resolve(path).normalize().toString();
	}

}
