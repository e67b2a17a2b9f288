package dev.tango.models.feedback;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;
import dev.tango.runtime.artifact.Sha256;

/**
 * One item of feedback to store: the true label of an answer Tango gave (identified by
 * its verified answer id), or of a text sent without one.
 *
 * @param cascade the cascade's name
 * @param dedupKey what makes two items the same, 64 hexadecimal digits: the sha256 of the
 * answer id, or {@link #textKey} of the text for feedback by text alone
 * @param answer the answer the label is for, or {@code null} for feedback by text alone
 * @param trueLabel the true label, one of the labels of the cascade version concerned
 * @param textSha256 {@link #textSha256(TextInput)} of the input
 * @param text the input, when the client sent it (needed to recalibrate on it), or
 * {@code null}
 * @param receivedAt when the feedback arrived
 */
public record FeedbackEntry(String cascade, String dedupKey, @Nullable Answer answer, String trueLabel,
		String textSha256, @Nullable TextInput text, Instant receivedAt) {

	public FeedbackEntry {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(trueLabel, "trueLabel");
		Objects.requireNonNull(receivedAt, "receivedAt");
		if (!Sha256.isValid(dedupKey) || !Sha256.isValid(textSha256)) {
			throw new IllegalArgumentException("dedupKey and textSha256 must be sha256 digests");
		}
		if (answer == null && text == null) {
			throw new IllegalArgumentException("Feedback by text alone needs the text");
		}
	}

	/**
	 * Returns the digest that stands for an input in answer ids and in storage: the
	 * sha256 of its text and, for a pair, its second text, each prefixed with its length
	 * so that no two inputs share one.
	 * @param input the input
	 * @return 64 hexadecimal digits
	 */
	public static String textSha256(TextInput input) {
		String pair = input.pair();
		return Sha256.ofUtf8("T" + input.text().length() + ":" + input.text()
				+ ((pair != null) ? "P" + pair.length() + ":" + pair : ""));
	}

	/**
	 * Returns the dedup key of feedback by text alone: the same text labelled twice for
	 * one cascade is one item.
	 * @param textSha256 the text's digest
	 * @return 64 hexadecimal digits
	 */
	public static String textKey(String textSha256) {
		return Sha256.ofUtf8("text:" + textSha256);
	}

	/**
	 * Returns whether the answer was right, or {@code null} for feedback by text alone.
	 * @return whether the predicted label is the true one
	 */
	public @Nullable Boolean correct() {
		return (this.answer != null) ? this.answer.predictedLabel().equals(this.trueLabel) : null;
	}

	/**
	 * The answer a label is for, as its verified answer id describes it.
	 *
	 * @param version the cascade version that answered
	 * @param tier the tier that answered, 0 for the cheapest
	 * @param predictedLabel the label it answered
	 * @param answeredAt when it answered
	 */
	public record Answer(int version, int tier, String predictedLabel, Instant answeredAt) {

		public Answer {
			Objects.requireNonNull(predictedLabel, "predictedLabel");
			Objects.requireNonNull(answeredAt, "answeredAt");
		}

	}

}
