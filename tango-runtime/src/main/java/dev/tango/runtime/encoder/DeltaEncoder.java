package dev.tango.runtime.encoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.artifact.ChecksumMismatchException;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.head.EncoderDelta;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.onnx.edit.EncodedModel;
import dev.tango.runtime.onnx.edit.InitializerDelta;
import org.jspecify.annotations.Nullable;

/**
 * The encoder of a head that ships it as an initializer delta on a bundled encoder
 * ({@link EncoderDelta}): on every open, the delta file (beside the head, or where a
 * registry keeps it) is checked against the sha256 the head records, then against its
 * base (the bundled encoder's ONNX file) and its result (the head's
 * {@link EncoderIdentity#onnxSha256()}); the applied model is kept by the artifact source
 * under its sha256 ({@link ArtifactSource#derived}), so that a later open of the same
 * head reads it rather than applying the delta again. The tokenizer is the base
 * encoder's. Stateless.
 */
final class DeltaEncoder {

	private DeltaEncoder() {
	}

	/**
	 * Builds, or finds kept, the encoder a head names by a delta.
	 * @param identity the head's encoder
	 * @param delta the head's delta
	 * @param deltaFile the delta file: beside the head, or where a registry keeps it
	 * @param baseModel the base encoder's ONNX file, or {@code null} for the bundled one
	 * @param baseTokenizer the base encoder's tokenizer, or {@code null} for the bundled
	 * one
	 * @param source resolves the delta and the base, and keeps the applied model
	 * @return the applied model, as an artifact whose URI is its local file, and the base
	 * encoder's tokenizer
	 * @throws IOException naming the files, if the base is not bundled, the delta file is
	 * missing or does not match its sha256, the delta is for another base, or applying it
	 * does not give the head's encoder
	 */
	static EncoderArtifacts open(EncoderIdentity identity, EncoderDelta delta, TierArtifact deltaFile,
			@Nullable TierArtifact baseModel, @Nullable TierArtifact baseTokenizer, ArtifactSource source)
			throws IOException {
		String deltaUri = deltaFile.uri();
		BundledEncoder base = base(identity, delta, deltaUri);
		InitializerDelta initializers = read(identity, delta, deltaUri, base, source);
		String modelUri = (baseModel != null) ? baseModel.uri() : base.modelUri();
		Path model = source.derived(identity.id() + ".onnx", identity.onnxSha256(),
				(out) -> initializers.applyTo(EncodedModel.read(source.file(modelUri, base.identity().onnxSha256())))
					.writeTo(out));
		return new EncoderArtifacts(new TierArtifact(model.toString(), identity.onnxSha256()),
				(baseTokenizer != null) ? baseTokenizer : EncoderArtifacts.bundled(base).tokenizer());
	}

	/**
	 * Checks, without applying it, what {@link #open} checks of a delta: that its base is
	 * bundled, that the delta file matches the head and gives its encoder from that base,
	 * and that a base model given is that base.
	 * @param identity the head's encoder
	 * @param delta the head's delta
	 * @param deltaFile the delta file
	 * @param baseModel the base encoder's ONNX file, or {@code null} for the bundled one
	 * @param source resolves the delta and the base
	 * @throws IOException naming the files, if any of these does not hold
	 */
	static void check(EncoderIdentity identity, EncoderDelta delta, TierArtifact deltaFile,
			@Nullable TierArtifact baseModel, ArtifactSource source) throws IOException {
		BundledEncoder base = base(identity, delta, deltaFile.uri());
		read(identity, delta, deltaFile.uri(), base, source);
		if (baseModel != null) {
			try {
				source.file(baseModel.uri(), base.identity().onnxSha256());
			}
			catch (IOException ex) {
				throw new IOException("Encoder delta " + deltaFile.uri() + " applies to " + base.id() + " (sha256 "
						+ base.identity().onnxSha256() + "), not to the model " + baseModel.uri() + ": "
						+ ex.getMessage(), ex);
			}
		}
	}

	private static BundledEncoder base(EncoderIdentity identity, EncoderDelta delta, String deltaUri)
			throws IOException {
		return BundledEncoder.byId(delta.base())
			.orElseThrow(() -> new IOException("Encoder delta " + deltaUri + " of encoder " + identity.id()
					+ ": its base " + delta.base() + " is not a bundled encoder (bundled: "
					+ Arrays.stream(BundledEncoder.values()).map(BundledEncoder::id).toList() + ")"));
	}

	private static InitializerDelta read(EncoderIdentity identity, EncoderDelta delta, String deltaUri,
			BundledEncoder base, ArtifactSource source) throws IOException {
		Path deltaFile;
		try {
			deltaFile = source.file(deltaUri, delta.sha256());
		}
		catch (ChecksumMismatchException ex) {
			throw new IOException("Encoder delta " + deltaUri + " does not match the sha256 " + delta.sha256()
					+ " its head records: " + ex.getMessage(), ex);
		}
		InitializerDelta initializers = InitializerDelta.read(deltaFile);
		String baseSha256 = base.identity().onnxSha256();
		if (!initializers.baseSha256().equals(baseSha256)) {
			throw new IOException("Encoder delta " + deltaUri + " applies to the model with sha256 "
					+ initializers.baseSha256() + ", not to its head's base " + base.id() + " (" + base.modelResource()
					+ ", sha256 " + baseSha256 + ")");
		}
		if (!initializers.resultSha256().equals(identity.onnxSha256())) {
			throw new IOException(
					"Encoder delta " + deltaUri + " gives the model with sha256 " + initializers.resultSha256()
							+ ", its head names encoder " + identity.id() + " with sha256 " + identity.onnxSha256());
		}
		return initializers;
	}

}
