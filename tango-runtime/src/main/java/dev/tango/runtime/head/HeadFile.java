package dev.tango.runtime.head;

import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The content of a head file: a linear head with what its features are and how it was
 * fitted. The JSON format is described in {@code HEAD_FORMAT.md} and read and written by
 * {@link HeadFiles}.
 *
 * @param kind what the features are
 * @param head the weights
 * @param encoder for {@link HeadKind#ENCODER_LINEAR}: the encoder whose embeddings are
 * the features; {@code null} otherwise
 * @param lexical for {@link HeadKind#LEXICAL_LINEAR}: the feature settings; {@code null}
 * otherwise
 * @param training how the head was fitted, or {@code null} if unknown
 * @param encoderDelta for {@link HeadKind#ENCODER_LINEAR}: where the encoder comes from
 * when it ships as a delta on a bundled encoder; {@code null} when the encoder is a whole
 * ONNX file (bundled, or given by the tier)
 */
public record HeadFile(HeadKind kind, LinearHead head, @Nullable EncoderIdentity encoder, @Nullable LexicalSpec lexical,
		@Nullable TrainingProvenance training, @Nullable EncoderDelta encoderDelta) {

	public HeadFile {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(head, "head");
		if (encoderDelta != null && kind != HeadKind.ENCODER_LINEAR) {
			throw new IllegalArgumentException("Only an encoder-linear head has an encoder delta");
		}
		switch (kind) {
			case ENCODER_LINEAR -> {
				if (encoder == null || lexical != null) {
					throw new IllegalArgumentException(
							"An encoder-linear head needs an encoder and no lexical settings");
				}
				if (encoder.dimension() != head.dimension()) {
					throw new IllegalArgumentException("Head has " + head.dimension() + " dimensions, its encoder "
							+ encoder.describe() + " has " + encoder.dimension());
				}
			}
			case LEXICAL_LINEAR -> {
				if (lexical == null || encoder != null) {
					throw new IllegalArgumentException("A lexical-linear head needs lexical settings and no encoder");
				}
				if (lexical.buckets() != head.dimension()) {
					throw new IllegalArgumentException("Head has " + head.dimension()
							+ " dimensions, its features have " + lexical.buckets() + " buckets");
				}
			}
		}
	}

	/**
	 * Creates a head whose encoder, if any, is a whole ONNX file.
	 * @param kind what the features are
	 * @param head the weights
	 * @param encoder for {@link HeadKind#ENCODER_LINEAR}: the encoder; {@code null}
	 * otherwise
	 * @param lexical for {@link HeadKind#LEXICAL_LINEAR}: the feature settings;
	 * {@code null} otherwise
	 * @param training how the head was fitted, or {@code null} if unknown
	 */
	public HeadFile(HeadKind kind, LinearHead head, @Nullable EncoderIdentity encoder, @Nullable LexicalSpec lexical,
			@Nullable TrainingProvenance training) {
		this(kind, head, encoder, lexical, training, null);
	}

	/**
	 * Returns the encoder identity of an encoder-linear head.
	 * @return the identity
	 * @throws IllegalStateException if this is not an encoder-linear head
	 */
	public EncoderIdentity requireEncoder() {
		if (this.encoder == null) {
			throw new IllegalStateException("Not an encoder-linear head but " + this.kind.id());
		}
		return this.encoder;
	}

	/**
	 * Returns the lexical settings of a lexical-linear head.
	 * @return the settings
	 * @throws IllegalStateException if this is not a lexical-linear head
	 */
	public LexicalSpec requireLexical() {
		if (this.lexical == null) {
			throw new IllegalStateException("Not a lexical-linear head but " + this.kind.id());
		}
		return this.lexical;
	}

	/**
	 * Checks that this head was fitted on the given encoder's embeddings.
	 * @param actual the encoder that would feed the head
	 * @throws IllegalArgumentException if this is not an encoder-linear head or its
	 * encoder differs in any respect
	 */
	public void checkEncoder(EncoderIdentity actual) {
		EncoderIdentity expected = requireEncoder();
		if (!expected.equals(actual)) {
			throw new IllegalArgumentException(
					"Head was fitted for encoder " + expected.describe() + ", not " + actual.describe());
		}
	}

	/**
	 * Describes the head for people: its kind, its encoder, and what it was trained on.
	 * @return such as
	 * {@code encoder-linear head on bge-small-en-v1.5, fitted on train.tsv
	 * (6000 rows, held-out accuracy 0.8912)}, at most 2,000 characters
	 */
	public String describe() {
		StringBuilder text = new StringBuilder(this.kind.id()).append(" head");
		if (this.encoder != null) {
			text.append(" on ").append(this.encoder.id());
		}
		if (this.training != null) {
			text.append(", fitted on ")
				.append(this.training.dataset())
				.append(" (")
				.append(this.training.rows())
				.append(" rows, held-out accuracy ")
				.append(String.format(Locale.ROOT, "%.4f", this.training.heldOutAccuracy()))
				.append(')');
		}
		return (text.length() <= 2000) ? text.toString() : text.substring(0, 2000);
	}

}
