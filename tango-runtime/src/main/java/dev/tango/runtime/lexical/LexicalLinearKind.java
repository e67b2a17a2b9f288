package dev.tango.runtime.lexical;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.head.HeadArtifacts;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadKind;

/**
 * The {@code lexical-linear} tier kind: a linear model over hashed lexical features, all
 * in one {@code head} file. Opens a {@link LexicalTier}, which runs on the calling thread
 * alone and has its own tokenisation.
 */
public final class LexicalLinearKind implements TierKind {

	@Override
	public String name() {
		return HeadKind.LEXICAL_LINEAR.id();
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of("head");
	}

	@Override
	public ArtifactNeed artifactNeed(String role) {
		return artifactRoles().contains(role) ? ArtifactNeed.REQUIRED : ArtifactNeed.ABSENT;
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		spec.requireArtifact("head");
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact head = spec.requireArtifact("head");
		return LexicalTier.of(spec.nameOr("lexical+" + head.baseName()),
				HeadArtifacts.read(source, head.uri(), HeadKind.LEXICAL_LINEAR));
	}

	/**
	 * {@inheritDoc}
	 * @return the head as the one artifact (its sha256 taken from its content by the
	 * registry), its labels, no input limit (texts are read whole)
	 */
	@Override
	public TierRegistration registration(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact headArtifact = spec.requireArtifact("head");
		HeadFile head = HeadArtifacts.read(source, headArtifact.uri(), HeadKind.LEXICAL_LINEAR);
		return new TierRegistration(spec.nameOr("lexical+" + headArtifact.baseName()),
				Map.of("head", TierArtifact.of(headArtifact.uri())),
				TierRegistration.labels(spec, head.head().labels(), headArtifact.uri()),
				TierRegistration.UNLIMITED_INPUT, null, Map.of(), LexicalTier.DEFAULT_BATCH_SIZE, head.describe());
	}

	@Override
	public int threadsPerCall(TierSpec spec) {
		return 1;
	}

}
