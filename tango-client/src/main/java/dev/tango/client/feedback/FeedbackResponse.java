package dev.tango.client.feedback;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What became of each item of a feedback request.
 *
 * @param accepted the items stored now
 * @param duplicates the items stored earlier with the same label, counted once
 * @param rejected the items refused
 * @param items one outcome per item, in request order
 */
public record FeedbackResponse(int accepted, int duplicates, int rejected, List<Outcome> items) {

	/**
	 * Makes the outcomes unmodifiable; a missing list is empty.
	 */
	public FeedbackResponse {
		items = (items != null) ? List.copyOf(items) : List.of();
	}

	/**
	 * The outcome of one item.
	 *
	 * @param index the item's position in the request
	 * @param status {@code accepted}, {@code duplicate} or {@code rejected}
	 * @param error why it was refused, as a stable code such as {@code unknown-label} or
	 * {@code invalid-answer-id}; {@code null} unless refused
	 * @param detail what happened, in words
	 * @param cascade the cascade it is for, when known
	 * @param version the cascade version that gave the answer, for an answer id
	 * @param tier the tier that gave the answer, for an answer id
	 * @param correct whether the answer was right, for an answer id
	 */
	public record Outcome(int index, String status, @Nullable String error, String detail, @Nullable String cascade,
			@Nullable Integer version, @Nullable Integer tier, @Nullable Boolean correct) {

		/**
		 * Returns whether the item was stored, now or earlier.
		 * @return {@code true} if accepted or a duplicate
		 */
		public boolean stored() {
			return !"rejected".equals(this.status);
		}

	}

}
