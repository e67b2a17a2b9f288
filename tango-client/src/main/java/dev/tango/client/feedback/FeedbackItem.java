package dev.tango.client.feedback;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.tango.client.classify.TextInput;

/**
 * The true label of one answer, named by its answer id, or of one text. Fields left
 * {@code null} are not sent.
 *
 * @param answerId the {@code answerId} of a result, exactly as the service returned it;
 * {@code null} for a text alone
 * @param text the input; required without an answer id, and, with one, checked against
 * the input that was answered
 * @param pair the second text of a pair input, or {@code null}
 * @param label the true label, by its identifier or its display name
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedbackItem(@Nullable String answerId, @Nullable String text, @Nullable String pair, String label) {

	/**
	 * Checks that the label is given.
	 * @throws NullPointerException if it is {@code null}
	 */
	public FeedbackItem {
		Objects.requireNonNull(label, "label");
	}

	/**
	 * The true label of an answer.
	 * @param answerId the answer's id, as returned
	 * @param label the true label
	 * @return the item
	 */
	public static FeedbackItem ofAnswer(String answerId, String label) {
		return new FeedbackItem(Objects.requireNonNull(answerId, "answerId"), null, null, label);
	}

	/**
	 * The true label of an input that was not classified, or whose answer id was not
	 * kept.
	 * @param input the input, a text or a pair
	 * @param label the true label
	 * @return the item
	 */
	public static FeedbackItem ofInput(TextInput input, String label) {
		Objects.requireNonNull(input, "input");
		return new FeedbackItem(null, input.text(), input.pair(), label);
	}

}
