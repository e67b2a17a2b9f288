package dev.tango.api.it;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.jspecify.annotations.Nullable;

import org.assertj.core.api.SoftAssertions;

/**
 * What the service's OpenAPI description must be for generators of clients in other
 * languages: valid for swagger-parser (which openapi-generator uses), every operation
 * with an operationId, a summary and a description, every parameter described, request
 * and answer bodies as named and described schemas, and error responses declared exactly
 * where the service answers them (see {@link #operations}).
 */
final class OpenApiRules {

	private static final String PROBLEM = "#/components/schemas/Problem";

	private static final String INFERENCE_ERROR = "#/components/schemas/InferenceError";

	private static final String READY = "#/components/schemas/ReadyResponse";

	private OpenApiRules() {
	}

	/**
	 * Parses a description and checks every rule.
	 * @param json the description, as {@code /v3/api-docs} serves it
	 * @param keysRequired whether the service requires API keys
	 * @return the parsed description
	 */
	static OpenAPI check(String json, boolean keysRequired) {
		SoftAssertions softly = new SoftAssertions();
		ParseOptions options = new ParseOptions();
		options.setResolve(true);
		SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
		softly.assertThat(result.getMessages()).as("swagger-parser's messages").isEmpty();
		OpenAPI api = result.getOpenAPI();
		softly.assertThat(api).isNotNull();
		softly.assertThat(api.getInfo().getTitle()).isNotBlank();
		softly.assertThat(api.getInfo().getDescription()).isNotBlank();
		Set<String> operationIds = new HashSet<>();
		api.getComponents().getSchemas().forEach((name, schema) -> {
			softly.assertThat(schema.getDescription()).as("description of schema " + name).isNotBlank();
		});
		softly.assertThat(api.getComponents().getSecuritySchemes() != null)
			.as("security schemes")
			.isEqualTo(keysRequired);
		for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
			for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
				checkOperation(softly, path.getKey(), entry.getKey(), entry.getValue(), keysRequired);
				softly.assertThat(operationIds.add(entry.getValue().getOperationId()))
					.as("unique operationId")
					.isTrue();
			}
		}
		softly.assertAll();
		return api;
	}

	/**
	 * Lists the operations of a description.
	 * @param api the description
	 * @return each operation with its path and method
	 */
	static List<Endpoint> operations(OpenAPI api) {
		List<Endpoint> endpoints = new ArrayList<>();
		api.getPaths()
			.forEach((path, item) -> item.readOperationsMap()
				.forEach((method, operation) -> endpoints.add(new Endpoint(path, method.name(), operation))));
		return endpoints;
	}

	private static void checkOperation(SoftAssertions softly, String path, PathItem.HttpMethod method,
			Operation operation, boolean keysRequired) {
		String name = method + " " + path;
		softly.assertThat(operation.getOperationId()).as("operationId of " + name).isNotBlank();
		softly.assertThat(operation.getSummary()).as("summary of " + name).isNotBlank();
		softly.assertThat(operation.getDescription()).as("description of " + name).isNotBlank();
		for (Parameter parameter : (operation.getParameters() != null) ? operation.getParameters()
				: List.<Parameter>of()) {
			softly.assertThat(parameter.getDescription())
				.as("description of " + parameter.getName() + " in " + name)
				.isNotBlank();
		}
		boolean body = operation.getRequestBody() != null;
		if (body) {
			assertNamed(softly, operation.getRequestBody().getContent(), "request of " + name);
		}
		boolean protocol = path.startsWith("/v2");
		boolean inference = method == PathItem.HttpMethod.POST
				&& (path.endsWith("/classify") || path.endsWith("/infer"));
		boolean rateBound = inference || path.equals("/v1/feedback");
		boolean namesCascade = path.contains("{name}") || path.equals("/v1/classify");
		boolean guarded = path.startsWith("/v1/") || path.startsWith("/v2/models/");
		Map<String, ApiResponse> responses = operation.getResponses();
		softly.assertThat(responses).as("responses of " + name).containsKey("200");
		assertNamed(softly, responses.get("200").getContent(), "200 of " + name);
		assertDeclared(softly, responses, "413", "where a body is read: " + name, body);
		assertDeclared(softly, responses, "415", "where a body is read: " + name, body);
		assertDeclared(softly, responses, "400", "where a body or a version is read: " + name,
				body || path.contains("{version}"));
		assertDeclared(softly, responses, "422", "where a cascade classifies: " + name, inference);
		assertDeclared(softly, responses, "429", "where a cascade classifies or feedback is rate-bound: " + name,
				rateBound);
		assertDeclared(softly, responses, "500", "where a cascade classifies: " + name, inference);
		assertDeclared(softly, responses, "404", "where a cascade is named: " + name, namesCascade);
		assertDeclared(softly, responses, "401", "where a key is required: " + name, keysRequired && guarded);
		softly.assertThat(operation.getSecurity() != null).as("security of " + name).isEqualTo(keysRequired && guarded);
		responses.forEach((status, response) -> {
			softly.assertThat(response.getDescription()).as("description of " + status + " of " + name).isNotBlank();
			if (status.startsWith("4") || status.startsWith("5")) {
				String schema = ref(softly, response.getContent(),
						protocol ? "application/json" : "application/problem+json");
				boolean readinessAnswer = status.equals("503") && path.endsWith("/ready");
				softly.assertThat(schema)
					.as(status + " of " + name)
					.isEqualTo(readinessAnswer ? READY : protocol ? INFERENCE_ERROR : PROBLEM);
				if ((status.equals("429") || status.equals("503")) && !readinessAnswer) {
					softly.assertThat(response.getHeaders())
						.as("headers of " + status + " of " + name)
						.containsKey("Retry-After");
				}
			}
		});
	}

	/** Asserts that a status is declared exactly where it should be. */
	private static void assertDeclared(SoftAssertions softly, Map<String, ApiResponse> responses, String status,
			String where, boolean expected) {
		softly.assertThat(responses.containsKey(status)).as(status + " " + where).isEqualTo(expected);
	}

	private static void assertNamed(SoftAssertions softly, Content content, String what) {
		softly.assertThat(content).as(what).isNotNull();
		if (content == null) {
			return;
		}
		content.forEach(
				(type, media) -> softly.assertThat((media.getSchema() != null) ? media.getSchema().get$ref() : null)
					.as("schema of " + what + " (" + type + ") is a named component")
					.startsWith("#/components/schemas/"));
	}

	private static @Nullable String ref(SoftAssertions softly, Content content, String mediaType) {
		softly.assertThat(content).containsOnlyKeys(mediaType);
		if (content == null || content.get(mediaType) == null) {
			return null;
		}
		Schema<?> schema = content.get(mediaType).getSchema();
		return (schema != null) ? schema.get$ref() : null;
	}

	/**
	 * An operation of the description.
	 *
	 * @param path its path template
	 * @param method its HTTP method
	 * @param operation the operation
	 */
	record Endpoint(String path, String method, Operation operation) {

		boolean declares(int status) {
			return this.operation.getResponses().containsKey(Integer.toString(status));
		}

	}

}
