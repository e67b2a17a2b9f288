package dev.tango.runtime.encoder;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.Tier;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.ArtifactNeed;
import dev.tango.runtime.cascade.InvalidTierSpecException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierKind;
import dev.tango.runtime.cascade.TierRegistration;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadArtifacts;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.HeadKind;

/**
 * The {@code encoder-linear} tier kind: a sentence encoder ({@code model} and
 * {@code tokenizer}, or neither for the bundled encoder its head names, or for the
 * encoder its head ships as a delta on a bundled one, see {@link DeltaEncoder}) with a
 * linear {@code head} file fitted on it. Opens an {@link EncoderLinearTier}. A
 * {@code delta} artifact is the delta file its head names, given where it does not lie
 * beside the head (a registry's store): then {@code model} and {@code tokenizer}, if
 * given, are the delta's base encoder's.
 */
public final class EncoderLinearKind implements TierKind {

	private static final String HEAD = "head";

	private static final String MODEL = "model";

	private static final String TOKENIZER = "tokenizer";

	private static final String DELTA = EncoderArtifacts.DELTA;

	@Override
	public String name() {
		return HeadKind.ENCODER_LINEAR.id();
	}

	@Override
	public Set<String> artifactRoles() {
		return Set.of(HEAD, MODEL, TOKENIZER, DELTA);
	}

	/**
	 * {@inheritDoc}
	 * @return required for {@code head}, {@code model} and {@code tokenizer}: a
	 * registered version pins its encoder's files too (for an encoder shipped as a delta,
	 * the delta's base); optional for {@code delta}
	 */
	@Override
	public ArtifactNeed artifactNeed(String role) {
		if (role.equals(DELTA)) {
			return ArtifactNeed.OPTIONAL;
		}
		return artifactRoles().contains(role) ? ArtifactNeed.REQUIRED : ArtifactNeed.ABSENT;
	}

	@Override
	public boolean runsOnnxRuntime() {
		return true;
	}

	@Override
	public void validate(TierSpec spec) {
		TierKind.super.validate(spec);
		spec.requireArtifact(HEAD);
		if ((spec.artifact(MODEL) == null) != (spec.artifact(TOKENIZER) == null)) {
			throw new InvalidTierSpecException("model",
					"give both 'model' and 'tokenizer', or neither for a bundled encoder");
		}
		TierArtifact model = spec.artifact(MODEL);
		if (model != null && model.sha256() != null) {
			throw new InvalidTierSpecException("modelSha256", "not used by a " + name()
					+ " tier: the head file names the sha256 of the encoder it was fitted on");
		}
	}

	@Override
	public Tier open(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact headArtifact = spec.requireArtifact(HEAD);
		HeadFile head = HeadArtifacts.read(source, headArtifact.uri(), HeadKind.ENCODER_LINEAR);
		String name = spec.nameOr(head.requireEncoder().id() + "+" + headArtifact.baseName());
		EncoderArtifacts encoder = EncoderArtifacts.of(spec, headArtifact, head, source);
		return EncoderLinearTier.open(name, head, source, encoder.model(), encoder.tokenizer(), spec.onnxRuntime());
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * A version that ships its encoder as a delta: the delta file is the one its head
	 * names, and applies to the model given beside it (the bundled base) to give the
	 * encoder the head was fitted on.
	 */
	@Override
	public void checkContents(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact deltaFile = spec.artifact(DELTA);
		if (deltaFile == null) {
			return;
		}
		HeadFile head = HeadArtifacts.read(source, spec.requireArtifact(HEAD).uri(), HeadKind.ENCODER_LINEAR);
		EncoderDelta delta = head.encoderDelta();
		if (delta == null) {
			// a delta that its head does not name is refused by registration
			return;
		}
		DeltaEncoder.check(head.requireEncoder(), delta, deltaFile, spec.artifact(MODEL), source);
	}

	/**
	 * {@inheritDoc}
	 * @return the head, and the encoder's files as {@link EncoderArtifacts} finds them
	 * when the tier opens: for an encoder shipped as a delta, the spec's {@code delta}
	 * (or the file beside the head) on the spec's model and tokenizer (or the bundled
	 * base); else the spec's model and tokenizer, or the bundled encoder the head names;
	 * the head's labels, token limit and pooling
	 */
	@Override
	public TierRegistration registration(TierSpec spec, ArtifactSource source) throws IOException {
		TierArtifact headArtifact = spec.requireArtifact(HEAD);
		HeadFile head = HeadArtifacts.read(source, headArtifact.uri(), HeadKind.ENCODER_LINEAR);
		EncoderIdentity encoder = head.requireEncoder();
		EncoderDelta delta = head.encoderDelta();
		TierArtifact model = spec.artifact(MODEL);
		TierArtifact deltaFile = spec.artifact(DELTA);
		if (deltaFile != null && delta == null) {
			throw new IOException("The tier gives a delta " + deltaFile.uri() + ", but its head " + headArtifact.uri()
					+ " names no encoder delta");
		}
		Map<String, TierArtifact> artifacts = new LinkedHashMap<>();
		if (delta != null && (deltaFile != null || model == null)) {
			if (model != null) {
				artifacts.put(MODEL, TierArtifact.of(model.uri()));
				artifacts.put(TOKENIZER, TierArtifact.of(spec.requireArtifact(TOKENIZER).uri()));
			}
			else {
				BundledEncoder base = bundled(delta.base(), "The encoder delta of head " + headArtifact.uri()
						+ " applies to " + delta.base() + ", which is not a bundled encoder");
				artifacts.put(MODEL, new TierArtifact(base.modelUri(), base.identity().onnxSha256()));
				artifacts.put(TOKENIZER, EncoderArtifacts.bundled(base).tokenizer());
			}
			String deltaUri = (deltaFile != null) ? deltaFile.uri() : headArtifact.sibling(delta.file());
			artifacts.put(DELTA, new TierArtifact(deltaUri, delta.sha256()));
		}
		else if (model == null) {
			BundledEncoder bundled = bundled(encoder.id(),
					"Encoder " + encoder.id() + " is not bundled: give the model and tokenizer URIs");
			artifacts.put(MODEL, new TierArtifact(bundled.modelUri(), encoder.onnxSha256()));
			artifacts.put(TOKENIZER, EncoderArtifacts.bundled(bundled).tokenizer());
		}
		else {
			artifacts.put(MODEL, new TierArtifact(model.uri(), encoder.onnxSha256()));
			artifacts.put(TOKENIZER, TierArtifact.of(spec.requireArtifact(TOKENIZER).uri()));
		}
		artifacts.put(HEAD, TierArtifact.of(headArtifact.uri()));
		return new TierRegistration(spec.nameOr(encoder.id() + "+" + headArtifact.baseName()), artifacts,
				TierRegistration.labels(spec, head.head().labels(), headArtifact.uri()), encoder.maxTokens(),
				encoder.pooling(), Map.of(), EncoderLinearTier.DEFAULT_BATCH_SIZE, head.describe());
	}

	private static BundledEncoder bundled(String id, String refusal) throws IOException {
		return BundledEncoder.byId(id).orElseThrow(() -> new IOException(refusal));
	}

}
