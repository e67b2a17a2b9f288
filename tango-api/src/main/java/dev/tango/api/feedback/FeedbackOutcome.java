package dev.tango.api.feedback;

import org.jspecify.annotations.Nullable;

/**
 * What became of one feedback item.
 *
 * @param status {@code ACCEPTED} (stored), {@code DUPLICATE} (stored earlier with the
 * same label; not counted twice) or {@code REJECTED}
 * @param error for a rejected item, why, as a stable code: {@code missing-label},
 * {@code missing-text}, {@code invalid-answer-id} (malformed, or not signed with this
 * service's key), {@code expired-answer-id}, {@code unknown-label}, {@code text-mismatch}
 * (the text is not the one answered), {@code unknown-cascade}, {@code conflicting-label}
 * (stored earlier with another label); else {@code null}
 * @param detail what happened, in words
 * @param cascade the cascade the item is for, when known
 * @param version the cascade version that answered, for feedback on an answer
 * @param tier the tier that answered, for feedback on an answer
 * @param correct whether the answer was right, for accepted feedback on an answer
 */
public record FeedbackOutcome(Status status, @Nullable String error, String detail, @Nullable String cascade,
		@Nullable Integer version, @Nullable Integer tier, @Nullable Boolean correct) {

	static FeedbackOutcome rejected(String error, String detail, @Nullable String cascade) {
		return new FeedbackOutcome(Status.REJECTED, error, detail, cascade, null, null, null);
	}

	/** Whether an item was stored. */
	public enum Status {

		/** Stored now. */
		ACCEPTED,

		/** Stored earlier with the same label: nothing changed. */
		DUPLICATE,

		/** Not stored; the outcome's error says why. */
		REJECTED

	}

}
