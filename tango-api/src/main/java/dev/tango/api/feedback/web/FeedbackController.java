package dev.tango.api.feedback.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tango.api.classify.InvalidInputException;
import dev.tango.api.feedback.FeedbackItem;
import dev.tango.api.feedback.FeedbackService;
import dev.tango.api.web.Clients;
import dev.tango.core.tier.TextInput;

/**
 * The feedback endpoint. A well-formed request is answered 200 with an outcome per item;
 * a malformed one, one over the limits, or one past its client's rate or the instance's
 * is refused whole with a problem detail.
 */
@RestController
@Tag(name = "Feedback", description = "Send the true labels of answers")
class FeedbackController {

	private final FeedbackService service;

	FeedbackController(FeedbackService service) {
		this.service = service;
	}

	@Operation(operationId = "sendFeedback", summary = "Send true labels",
			description = "Each item names an answer by its answerId (from /v1/classify or the OIP answer_id output) "
					+ "or gives a text, with its true label. Labelled answers count towards the live accuracy of the "
					+ "version and tier that gave them; texts are kept for recalibration. The same answer or text "
					+ "sent again is a duplicate and counts once.")
	@ApiResponse(responseCode = "200", description = "An outcome per item")
	@PostMapping(path = "/v1/feedback", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	FeedbackResponse feedback(@RequestBody FeedbackRequest request, HttpServletRequest http) {
		return FeedbackResponse.of(this.service.submit(Clients.of(http), request.cascade(), items(request.items())));
	}

	private static List<FeedbackItem> items(@Nullable List<FeedbackRequest.@Nullable Item> items) {
		if (items == null) {
			throw new InvalidInputException("Field 'items' is missing: give a list of {answerId, text, label} items");
		}
		List<FeedbackItem> result = new ArrayList<>(items.size());
		for (int i = 0; i < items.size(); i++) {
			FeedbackRequest.Item item = items.get(i);
			if (item == null) {
				throw new InvalidInputException(
						"items[" + i + "] is null: each item is an {answerId, text, label} object");
			}
			if (item.pair() != null && item.text() == null) {
				throw new InvalidInputException("items[" + i + "] has a pair but no text");
			}
			TextInput text = (item.text() != null) ? new TextInput(item.text(), item.pair()) : null;
			result.add(new FeedbackItem(item.answerId(), text, item.label()));
		}
		return result;
	}

}
