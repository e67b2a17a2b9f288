package dev.tango.client.feedback;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * The body of a feedback request.
 *
 * @param cascade the cascade of the items sent without an answer id, or {@code null} for
 * the service's default cascade (an item with an answer id belongs to the cascade its id
 * names)
 * @param items the items, in order; the service wants at least one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackRequest(@Nullable String cascade, List<FeedbackItem> items) {

	/**
	 * Copies the items.
	 * @throws NullPointerException if the items or one of them is {@code null}
	 */
	public FeedbackRequest {
		items = List.copyOf(Objects.requireNonNull(items, "items"));
	}

	/**
	 * Feedback on answers, or on texts of the default cascade.
	 * @param items the items
	 * @return the request
	 */
	public static FeedbackRequest of(FeedbackItem... items) {
		return new FeedbackRequest(null, List.of(items));
	}

	/**
	 * This request, its items without an answer id being for a named cascade.
	 * @param cascade the cascade's name
	 * @return a new request
	 */
	public FeedbackRequest forCascade(String cascade) {
		return new FeedbackRequest(Objects.requireNonNull(cascade, "cascade"), this.items);
	}

}
