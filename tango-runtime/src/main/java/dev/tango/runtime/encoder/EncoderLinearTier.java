package dev.tango.runtime.encoder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.tango.core.tier.Activation;
import dev.tango.core.tier.Scores;
import dev.tango.core.tier.TextInput;
import dev.tango.core.tier.TierException;
import dev.tango.runtime.artifact.ArtifactSource;
import dev.tango.runtime.cascade.TierArtifact;
import dev.tango.runtime.head.EncoderIdentity;
import dev.tango.runtime.head.HeadFile;
import dev.tango.runtime.head.LinearHead;
import dev.tango.runtime.onnx.OrtOptions;
import dev.tango.runtime.onnx.TokenizedTier;
import org.jspecify.annotations.Nullable;

/**
 * A tier made of a frozen sentence encoder and a linear head fitted on its embeddings:
 * {@code logits = W·embed(x) + b}. Inputs longer than the encoder's maximum are truncated
 * and marked so; every input, including empty and blank text, gets logits.
 *
 * <p>
 * Thread-safe, as its {@link SentenceEncoder}. Owns and closes its encoder.
 */
public final class EncoderLinearTier extends TokenizedTier {

	/** The batch size measured cheapest per input for the bundled encoders on CPU. */
	public static final int DEFAULT_BATCH_SIZE = 32;

	private final SentenceEncoder encoder;

	private final LinearHead head;

	/**
	 * Creates a tier, taking ownership of the encoder.
	 * @param name the tier's name
	 * @param encoder the encoder, closed with the tier
	 * @param head the head; its dimension must be the encoder's
	 * @param preferredBatchSize the batch size to report, at least 1
	 */
	public EncoderLinearTier(String name, SentenceEncoder encoder, LinearHead head, int preferredBatchSize) {
		super(name, Objects.requireNonNull(head, "head").labels(), Activation.SOFTMAX, preferredBatchSize,
				Objects.requireNonNull(encoder, "encoder").tokenizer());
		this.encoder = encoder;
		this.head = head;
		if (head.dimension() != encoder.dimension()) {
			throw new IllegalArgumentException("Head has " + head.dimension() + " dimensions, encoder "
					+ encoder.identity().id() + " has " + encoder.dimension());
		}
	}

	/**
	 * Creates a tier from a head file and an open encoder, taking ownership of the
	 * encoder. The head must have been fitted on this encoder.
	 * @param name the tier's name
	 * @param head the head file
	 * @param encoder the encoder, closed with the tier (also when this call fails)
	 * @return the tier
	 * @throws IllegalArgumentException if the head was fitted for another encoder
	 */
	public static EncoderLinearTier of(String name, HeadFile head, SentenceEncoder encoder) {
		try {
			head.checkEncoder(encoder.identity());
			return new EncoderLinearTier(name, encoder, head.head(), DEFAULT_BATCH_SIZE);
		}
		catch (RuntimeException ex) {
			encoder.close();
			throw ex;
		}
	}

	/**
	 * Opens the encoder of a head file and builds the tier.
	 * @param name the tier's name
	 * @param head the head file
	 * @param source resolves the model and tokenizer URIs
	 * @param model the ONNX model (its URI and declared external data), as
	 * {@link EncoderArtifacts} finds it
	 * @param tokenizer the tokenizer
	 * @param options the ONNX Runtime settings
	 * @return the tier, to be closed by the caller
	 * @throws IOException if the model or tokenizer cannot be loaded, or the model's
	 * sha256 is not the one the head was fitted with
	 */
	public static EncoderLinearTier open(String name, HeadFile head, ArtifactSource source, TierArtifact model,
			TierArtifact tokenizer, OrtOptions options) throws IOException {
		EncoderIdentity identity = head.requireEncoder();
		SentenceEncoder encoder = SentenceEncoder.open(identity,
				model.onnxModel(source.file(model.uri(), identity.onnxSha256())),
				source.file(tokenizer.uri(), tokenizer.sha256()), options);
		return of(name, head, encoder);
	}

	@Override
	public List<Scores> classify(List<TextInput> inputs) {
		guard().checkOpen();
		if (inputs.isEmpty()) {
			return List.of();
		}
		Embeddings embeddings;
		try {
			embeddings = this.encoder.embed(inputs);
		}
		catch (TierException ex) {
			throw new TierException("Tier " + name() + ": " + ex.getMessage(), ex);
		}
		List<Scores> scores = new ArrayList<>(inputs.size());
		for (int i = 0; i < embeddings.size(); i++) {
			scores.add(new Scores(this.head.logits(embeddings.vectors()[i]), embeddings.truncated()[i]));
		}
		return scores;
	}

	/**
	 * Closes the encoder.
	 */
	@Override
	protected void release() {
		this.encoder.close();
	}

	@Override
	public String toString() {
		return "EncoderLinearTier[" + name() + ", " + this.encoder.identity().describe() + "]";
	}

}
