package dev.tango.api.feedback.web;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The body of a feedback request.
 *
 * @param cascade the cascade of the items sent without an answer id; default
 * {@code tango.api.default-cascade} (items with an answer id belong to the cascade the id
 * names)
 * @param items the items, at least one
 */
@Schema(name = "FeedbackRequest", description = "True labels of answers, or of texts")
record FeedbackRequest(
		@Schema(description = "Cascade of the items without an answer id; default the default cascade",
				example = "sst2-sentiment") @Nullable String cascade,
		@Schema(description = "The items, at least one") @Nullable List<@Nullable Item> items) {

	/**
	 * One item.
	 *
	 * @param answerId the {@code answerId} of a result, as returned
	 * @param text the input; required without an answer id, and kept for recalibration
	 * @param pair the second text of a pair input
	 * @param label the true label
	 */
	@Schema(name = "FeedbackItem", description = "The true label of one answer (by answerId) or of one text")
	record Item(@Schema(description = "The answerId of a result, exactly as returned") @Nullable String answerId,
			@Schema(description = "The input: required without answerId; with it, must be the input answered") @Nullable String text,
			@Schema(description = "The second text of a pair input") @Nullable String pair,
			@Schema(description = "The true label, by its identifier or its display name (stored as the identifier)",
					example = "positive", requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String label) {

	}

}
