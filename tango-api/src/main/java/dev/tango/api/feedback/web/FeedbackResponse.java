package dev.tango.api.feedback.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.tango.api.feedback.FeedbackOutcome;

/**
 * What became of each item of a feedback request.
 *
 * @param accepted the items stored now
 * @param duplicates the items stored earlier with the same label (counted once)
 * @param rejected the items refused
 * @param items one outcome per item, in order
 */
@Schema(name = "FeedbackResponse",
		description = "How many items were accepted, were duplicates or were rejected, and an outcome per item")
record FeedbackResponse(int accepted, int duplicates, int rejected, List<Item> items) {

	static FeedbackResponse of(List<FeedbackOutcome> outcomes) {
		int[] counts = new int[FeedbackOutcome.Status.values().length];
		List<Item> items = new ArrayList<>(outcomes.size());
		for (int i = 0; i < outcomes.size(); i++) {
			FeedbackOutcome outcome = outcomes.get(i);
			counts[outcome.status().ordinal()]++;
			items.add(new Item(i, outcome.status().name().toLowerCase(Locale.ROOT), outcome.error(), outcome.detail(),
					outcome.cascade(), outcome.version(), outcome.tier(), outcome.correct()));
		}
		return new FeedbackResponse(counts[FeedbackOutcome.Status.ACCEPTED.ordinal()],
				counts[FeedbackOutcome.Status.DUPLICATE.ordinal()], counts[FeedbackOutcome.Status.REJECTED.ordinal()],
				items);
	}

	/**
	 * The outcome of one item.
	 *
	 * @param index its position in the request
	 * @param status {@code accepted}, {@code duplicate} or {@code rejected}
	 * @param error why it was rejected, as a stable code
	 * @param detail what happened, in words
	 * @param cascade the cascade it is for
	 * @param version the cascade version that gave the answer
	 * @param tier the tier that gave the answer
	 * @param correct whether the answer was right
	 */
	@Schema(name = "FeedbackOutcome", description = "The outcome of one item, in request order")
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Item(int index, @Schema(allowableValues = {
			"accepted", "duplicate", "rejected" }) String status,
			@Schema(description = "Why it was rejected: missing-label, missing-text, invalid-answer-id, "
					+ "expired-answer-id, unknown-label, text-mismatch, unknown-cascade, conflicting-label") @Nullable String error,
			String detail, @Nullable String cascade, @Nullable Integer version, @Nullable Integer tier,
			@Nullable Boolean correct){

	}

}
