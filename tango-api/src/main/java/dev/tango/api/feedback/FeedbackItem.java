package dev.tango.api.feedback;

import org.jspecify.annotations.Nullable;

import dev.tango.core.tier.TextInput;

/**
 * One item of a feedback request: the true label of an answer (by its answer id) or of a
 * text.
 *
 * @param answerId the answer's id, as the service returned it, or {@code null} for
 * feedback by text alone
 * @param text the input, or {@code null}; with an answer id it must be the input that was
 * answered, and is kept for recalibration
 * @param label the true label, or {@code null} (refused)
 */
public record FeedbackItem(@Nullable String answerId, @Nullable TextInput text, @Nullable String label) {

}
