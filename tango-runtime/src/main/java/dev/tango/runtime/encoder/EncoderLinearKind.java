package dev.tango.runtime.encoder;

import java.io.IOException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.HeadArtifacts;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadKind;

/**
 * The {@code encoder-linear} tier kind: a sentence encoder ({@code model} and
 * {@code tokenizer}, or neither for the bundled encoder its head names, or for the
 * encoder its head ships as a delta on a bundled one, see {@link DeltaEncoder}) with a
 * linear {@code head} file fitted on it. Opens an {@link EncoderLinearTier}.
 */
public final class EncoderLinearKind implements TierKind {

	@Override
	public String name() {
		return HeadKind.ENCODER_LINEAR.id();
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of("head", "model", "tokenizer");
	}

	/**
	 * {@inheritDoc}
	 * @return required for {@code head}, {@code model} and {@code tokenizer}: a
	 * registered version pins its encoder's files too
	 */
	@Override
	public ArtifactNeed artifactNeed(String role) {
		return artifactRoles().contains(role) ? ArtifactNeed.REQUIRED : ArtifactNeed.ABSENT;
	}

	@Override
	public boolean runsOnnxRuntime() {
		return true;
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		spec.requireArtifact("head");
		if ((spec.artifact("model") == null) != (spec.artifact("tokenizer") == null)) {
			throw new InvalidTierSpecException("model",
					"give both 'model' and 'tokenizer', or neither for a bundled encoder");
		}
		TierArtifact model = spec.artifact("model");
		if (model != null && model.sha256() != null) {
			throw new InvalidTierSpecException("modelSha256", "not used by a " + name()
					+ " tier: the head file names the sha256 of the encoder it was fitted on");
		}
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact headArtifact = spec.requireArtifact("head");
		HeadFile head = HeadArtifacts.read(source, headArtifact.uri(), HeadKind.ENCODER_LINEAR);
		String name = spec.nameOr(head.requireEncoder().id() + "+" + headArtifact.baseName());
		TierArtifact model = spec.artifact("model");
		TierArtifact tokenizer = spec.artifact("tokenizer");
		EncoderDelta delta = head.encoderDelta();
		if (model == null && delta != null) {
			DeltaEncoder encoder = DeltaEncoder.open(head.requireEncoder(), delta, headArtifact, source);
			model = encoder.model();
			tokenizer = encoder.tokenizer();
		}
		return EncoderLinearTier.open(name, head, source, model, tokenizer, spec.onnxRuntime());
	}

}
