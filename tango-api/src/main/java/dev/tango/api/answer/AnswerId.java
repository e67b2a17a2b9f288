package dev.tango.api.answer;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What an answer id says about one answer.
 *
 * @param cascade the cascade's name
 * @param version the cascade version that answered, from 1
 * @param tier the tier that answered, 0 for the cheapest
 * @param labelIndex the index of the predicted label in the version's labels
 * @param textSha256 the digest of the input
 * ({@link dev.tango.models.feedback.FeedbackEntry#textSha256}), 64 hexadecimal digits
 * @param answeredAt when the answer was given, to the second
 */
public record AnswerId(String cascade, int version, int tier, int labelIndex, String textSha256, Instant answeredAt) {

	public AnswerId {
		Objects.requireNonNull(cascade, "cascade");
		Objects.requireNonNull(answeredAt, "answeredAt");
		if (version < 1 || tier < 0 || tier > Short.MAX_VALUE || labelIndex < 0) {
			throw new IllegalArgumentException(
					"Not an answer: version " + version + ", tier " + tier + ", label " + labelIndex);
		}
		if (textSha256.length() != 64 || !textSha256.chars().allMatch(HexFormat::isHexDigit)) {
			throw new IllegalArgumentException("textSha256 must be a sha256 digest");
		}
		answeredAt = Instant.ofEpochSecond(answeredAt.getEpochSecond());
	}

}
