package dev.tango.runtime.encoder;

import java.io.IOException;

import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.cascade.TierSpec;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;

/**
 * The encoder files of an {@code encoder-linear} tier: its spec's {@code model} and
 * {@code tokenizer}; or, for a head that ships its encoder as a delta, the encoder
 * rebuilt from the delta ({@link DeltaEncoder}: the spec's {@code delta} artifact or the
 * file beside the head, on the spec's {@code model} or the bundled base); or the bundled
 * encoder the head names. The one place that decides which encoder a tier runs, for the
 * tier kind and for tools that run the same encoder outside a cascade. Immutable.
 *
 * @param model the ONNX model
 * @param tokenizer the tokenizer
 */
public record EncoderArtifacts(TierArtifact model, TierArtifact tokenizer) {

	/** The role of the delta file in a tier spec. */
	static final String DELTA = "delta";

	/**
	 * Finds the encoder files of a tier.
	 * @param spec the tier's spec
	 * @param headArtifact its head file's artifact
	 * @param head the head file
	 * @param source resolves artifacts, and keeps an encoder rebuilt from a delta
	 * @return the model and tokenizer
	 * @throws IOException if the spec gives a delta its head names none of, a delta
	 * cannot be applied (see {@link DeltaEncoder}), or the encoder is neither given nor
	 * bundled
	 */
	public static EncoderArtifacts of(TierSpec spec, TierArtifact headArtifact, HeadFile head, ArtifactSource source)
			throws IOException {
		TierArtifact model = spec.artifact("model");
		TierArtifact tokenizer = spec.artifact("tokenizer");
		TierArtifact deltaFile = spec.artifact(DELTA);
		EncoderIdentity identity = head.requireEncoder();
		EncoderDelta delta = head.encoderDelta();
		if (deltaFile != null && delta == null) {
			throw new IOException("The tier gives a delta " + deltaFile.uri() + ", but its head " + headArtifact.uri()
					+ " names no encoder delta");
		}
		if (delta != null && (deltaFile != null || model == null)) {
			return DeltaEncoder.open(identity, delta,
					(deltaFile != null) ? deltaFile : new TierArtifact(headArtifact.sibling(delta.file()), null), model,
					tokenizer, source);
		}
		if (model != null && tokenizer != null) {
			return new EncoderArtifacts(model, tokenizer);
		}
		return bundled(BundledEncoder.byId(identity.id())
			.orElseThrow(() -> new IOException(
					"Encoder " + identity.id() + " is not bundled: give the model and tokenizer URIs")));
	}

	/**
	 * Returns the files of a bundled encoder.
	 * @param encoder the encoder
	 * @return its model and tokenizer on the class path
	 */
	public static EncoderArtifacts bundled(BundledEncoder encoder) {
		return new EncoderArtifacts(TierArtifact.of(encoder.modelUri()),
				new TierArtifact(encoder.tokenizerUri(), encoder.tokenizerSha256()));
	}

}
