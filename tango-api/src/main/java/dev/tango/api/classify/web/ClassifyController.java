package dev.tango.api.classify.web;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

import dev.tango.api.ApiProperties;
import dev.tango.api.classify.ClassificationService;
import dev.tango.api.classify.ClassifyCommand;
import dev.tango.api.classify.InvalidInputException;
import dev.tango.api.web.AsyncResponses;
import dev.tango.core.tier.TextInput;

/**
 * The native classification endpoints. Requests are answered asynchronously: the request
 * thread only checks and submits them.
 */
@RestController
@Tag(name = "Classification", description = "Classify texts with a cascade")
@ApiResponse(responseCode = "200", description = "One result per input")
class ClassifyController {

	private static final String REQUEST_KEY_DESCRIPTION = "Keeps the requests that share this key on one cascade version during a canary release";

	private final ClassificationService service;

	private final AsyncResponses responses;

	private final String defaultCascade;

	ClassifyController(ClassificationService service, AsyncResponses responses, ApiProperties properties) {
		this.service = service;
		this.responses = responses;
		this.defaultCascade = properties.defaultCascade();
	}

	@Operation(operationId = "classify", summary = "Classify with the default cascade",
			description = "Classifies with the cascade named by tango.api.default-cascade, as classifyWithCascade does.")
	@PostMapping(path = "/v1/classify", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DeferredResult<ClassifyResponse> classify(@RequestBody ClassifyRequest request,
			@Parameter(description = REQUEST_KEY_DESCRIPTION) @RequestHeader(name = ClassifyCommand.REQUEST_KEY_HEADER,
					required = false) @Nullable String requestKey) {
		return classify(this.defaultCascade, request, requestKey);
	}

	@Operation(operationId = "classifyWithCascade", summary = "Classify with a cascade",
			description = "Each input goes to the cheapest tier first and on to costlier tiers only while the confidence is below the tier's threshold.")
	@PostMapping(path = "/v1/cascades/{name}/classify", consumes = MediaType.APPLICATION_JSON_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DeferredResult<ClassifyResponse> classify(
			@Parameter(description = "The cascade's name", example = "sst2-sentiment") @PathVariable String name,
			@RequestBody ClassifyRequest request,
			@Parameter(description = REQUEST_KEY_DESCRIPTION) @RequestHeader(name = ClassifyCommand.REQUEST_KEY_HEADER,
					required = false) @Nullable String requestKey) {
		ClassifyCommand command = new ClassifyCommand(name, null, inputs(request.inputs()),
				Boolean.TRUE.equals(request.probabilities()), !Boolean.FALSE.equals(request.truncate()),
				ClassifyCommand.Protocol.NATIVE, requestKey);
		return this.responses.defer(this.service.classify(command), ClassifyResponse::of);
	}

	private static List<TextInput> inputs(@Nullable List<@Nullable ClassifyInput> inputs) {
		if (inputs == null) {
			throw new InvalidInputException("Field 'inputs' is missing: give a list of texts");
		}
		List<TextInput> texts = new ArrayList<>(inputs.size());
		for (int i = 0; i < inputs.size(); i++) {
			ClassifyInput input = inputs.get(i);
			if (input == null) {
				throw new InvalidInputException(
						"inputs[" + i + "] is null: each input is a string or a {text, pair} object");
			}
			texts.add(input.toTextInput());
		}
		return texts;
	}

}
