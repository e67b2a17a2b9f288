package dev.tango.api.web;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * The error responses of each operation of the OpenAPI description, declared exactly
 * where the service can answer them: 413 and 415 only where a body is read, 422 and 500
 * only where a cascade classifies, 429 there and where feedback is rate-bound, 404 only
 * where a cascade is named, 401 only on the paths {@link ApiKeyFilter} guards and only
 * when keys are required. Errors are problem details under {@code /v1} and the protocol's
 * error objects under {@code /v2}; 429 and 503 declare {@code Retry-After}. Operations
 * are known by their {@code operationId}; one that is not listed here has no error
 * responses.
 */
final class ErrorResponses {

	static final String PROBLEM = "Problem";

	static final String INFERENCE_ERROR = "InferenceError";

	private static final Error MALFORMED = new Error("400",
			"The body is not JSON of the request's shape (malformed-request), or its content is invalid, such as no inputs (invalid-input)");

	private static final Error NO_CASCADE = new Error("404",
			"No active cascade of that name (cascade-not-found), or another version of it serves (version-not-served)");

	private static final Error TOO_LARGE = new Error("413",
			"The body, the number of inputs or an input is larger than the service's limits (body-too-large, too-many-inputs, input-too-long)");

	private static final Error NOT_JSON = new Error("415",
			"The body is not JSON, or its Content-Encoding is neither identity nor gzip (unsupported-media-type, unsupported-content-encoding)");

	private static final Error TOO_MANY_TOKENS = new Error("422",
			"Truncation was refused and an input has more tokens than a tier reads (token-limit-exceeded)");

	private static final Error AT_CAPACITY = new Error("429",
			"At capacity (queue-full): retry after the Retry-After header's seconds");

	private static final Error FAILED = new Error("500", "A tier failed to classify (inference-failed)");

	private static final Error UNAVAILABLE = new Error("503",
			"The cascade does not serve yet (cascade-not-ready), the request's deadline passed (deadline-exceeded), a remote tier is out of reach (tier-unavailable) or the service is stopping (shutting-down): retry after the Retry-After header's seconds");

	private static final Error NOT_READY = new Error("503",
			"The cascade does not serve yet (cascade-not-ready) or the service is stopping: retry after the Retry-After header's seconds");

	private static final Error NOT_A_VERSION = new Error("400",
			"The version is not a version: versions are whole numbers from 1 to 999999999 (invalid-input)");

	private static final Error NO_CASCADE_OF_THAT_NAME = new Error("404",
			"No active cascade of that name (cascade-not-found)");

	private static final Error UNAUTHORIZED = new Error("401",
			"The API key is missing or not accepted (unauthorized); the answer carries WWW-Authenticate");

	private static final Error MALFORMED_FEEDBACK = new Error("400",
			"The body is not JSON of the request's shape (malformed-request), or it holds no items (invalid-input)");

	private static final Error TOO_MUCH_FEEDBACK = new Error("413",
			"The body, the number of items or a text is larger than the service's limits (body-too-large, too-many-inputs, input-too-long)");

	private static final Error FEEDBACK_RATE = new Error("429",
			"More items than this instance accepts per second (feedback-rate-exceeded): retry after the Retry-After header's seconds");

	private static final Error FEEDBACK_UNAVAILABLE = new Error("503",
			"The registry's database is out of reach (feedback-unavailable): retry after the Retry-After header's seconds");

	private static final List<Error> CLASSIFY = List.of(MALFORMED, NO_CASCADE, TOO_LARGE, NOT_JSON, TOO_MANY_TOKENS,
			AT_CAPACITY, FAILED, UNAVAILABLE);

	private static final Map<String, List<Error>> BY_OPERATION = Map.of("classify", CLASSIFY, "classifyWithCascade",
			CLASSIFY, "modelInfer", CLASSIFY, "modelVersionInfer", CLASSIFY, "modelMetadata",
			List.of(NO_CASCADE, NOT_READY), "modelVersionMetadata", List.of(NOT_A_VERSION, NO_CASCADE, NOT_READY),
			"modelReady", List.of(NO_CASCADE_OF_THAT_NAME), "modelVersionReady",
			List.of(NOT_A_VERSION, NO_CASCADE_OF_THAT_NAME), "sendFeedback",
			List.of(MALFORMED_FEEDBACK, TOO_MUCH_FEEDBACK, NOT_JSON, FEEDBACK_RATE, FEEDBACK_UNAVAILABLE));

	private final boolean keysRequired;

	/**
	 * Creates the declarations.
	 * @param keysRequired whether requests to the guarded paths need an API key
	 */
	ErrorResponses(boolean keysRequired) {
		this.keysRequired = keysRequired;
	}

	/**
	 * Adds an operation's error responses, and its security requirements when keys are
	 * required.
	 * @param path the operation's path
	 * @param operation the operation
	 */
	void declare(String path, Operation operation) {
		boolean protocol = path.startsWith("/v2");
		if (this.keysRequired && ApiKeyFilter.guards(path)) {
			operation.setSecurity(null);
			operation.addSecurityItem(new SecurityRequirement().addList("apiKey"))
				.addSecurityItem(new SecurityRequirement().addList("bearer"));
			add(operation, UNAUTHORIZED, protocol);
		}
		for (Error error : BY_OPERATION.getOrDefault(operation.getOperationId(), List.of())) {
			add(operation, error, protocol);
		}
	}

	private static void add(Operation operation, Error error, boolean protocol) {
		String mediaType = protocol ? "application/json" : "application/problem+json";
		ApiResponse response = new ApiResponse().description(error.description())
			.content(new Content().addMediaType(mediaType, new MediaType()
				.schema(new Schema<>().$ref("#/components/schemas/" + (protocol ? INFERENCE_ERROR : PROBLEM)))));
		if (error.status().equals("429") || error.status().equals("503")) {
			response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before trying again")
				.schema(new IntegerSchema().minimum(BigDecimal.ONE)));
		}
		if (error.status().equals("401")) {
			response.addHeaderObject("WWW-Authenticate",
					new Header().description("Bearer realm=\"tango\"").schema(new StringSchema()));
		}
		operation.getResponses().addApiResponse(error.status(), response);
	}

	/**
	 * An error response.
	 *
	 * @param status its status
	 * @param description when it is answered, naming its problem types
	 */
	private record Error(String status, String description) {

	}

}
