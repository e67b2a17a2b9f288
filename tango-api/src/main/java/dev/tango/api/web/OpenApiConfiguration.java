package dev.tango.api.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.api.ApiProperties;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}),
 * with the error responses of every inference operation and the API-key schemes when keys
 * are required.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final Map<String, String> ERRORS = errors();

	private static Map<String, String> errors() {
		Map<String, String> errors = new LinkedHashMap<>();
		errors.put("400", "Malformed body, or no inputs");
		errors.put("401", "API key missing or not accepted (when keys are required)");
		errors.put("404", "No such cascade, or another version serves");
		errors.put("413", "Body, number of inputs or an input too large");
		errors.put("415", "Not JSON, or a content encoding other than identity or gzip");
		errors.put("422", "An input has more tokens than a tier reads, and truncation was refused");
		errors.put("429", "At capacity: retry after the Retry-After header's seconds");
		errors.put("503",
				"Not ready, deadline exceeded, a remote tier unavailable or shutting down: retry after the Retry-After header's seconds");
		return Collections.unmodifiableMap(errors);
	}

	/**
	 * Adds the error responses to every inference operation: problem details under
	 * {@code /v1}, the protocol's error object under {@code /v2}.
	 * @return the customizer
	 */
	@Bean
	OpenApiCustomizer tangoErrorResponses() {
		return (api) -> {
			Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
			api.components(
					components
						.addSchemas("Problem",
								new ObjectSchema().description("An RFC 9457 problem detail")
									.addProperty("type",
											new StringSchema().description("A stable URI naming the kind of problem"))
									.addProperty("title", new StringSchema())
									.addProperty("status", new IntegerSchema())
									.addProperty("detail", new StringSchema().description("What to change"))
									.addProperty("instance", new StringSchema().description("The request path")))
						.addSchemas("InferenceError", new ObjectSchema().description("An Open Inference Protocol error")
							.addProperty("error", new StringSchema())));
			api.getPaths().forEach((path, item) -> {
				boolean oip = path.startsWith("/v2/models/");
				if (!oip && !path.startsWith("/v1/")) {
					return;
				}
				String mediaType = oip ? "application/json" : "application/problem+json";
				String schema = "#/components/schemas/" + (oip ? "InferenceError" : "Problem");
				item.readOperations().forEach((operation) -> ERRORS.forEach((status, description) -> {
					if (!operation.getResponses().containsKey(status)) {
						operation.getResponses()
							.addApiResponse(status,
									new ApiResponse().description(description)
										.content(new Content().addMediaType(mediaType,
												new MediaType().schema(new Schema<>().$ref(schema)))));
					}
				}));
			});
		};
	}

	@Bean
	OpenAPI tangoOpenApi(ApiProperties properties, ObjectProvider<BuildProperties> build) {
		BuildProperties buildProperties = build.getIfAvailable();
		OpenAPI api = new OpenAPI().info(new Info().title("Tango classification service")
			.description("Text classification through confidence-gated cascades of transformer models: "
					+ "a native REST API (/v1) and the Open Inference Protocol v2 (/v2). "
					+ "Errors are RFC 9457 problem details under /v1 and {\"error\": \"...\"} objects under /v2.")
			.version((buildProperties != null) ? buildProperties.getVersion() : "unknown")
			.license(new License().name("Apache-2.0")));
		if (properties.auth().enabled()) {
			api.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(ApiKeyFilter.HEADER))
				.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")))
				.addSecurityItem(new SecurityRequirement().addList("apiKey"))
				.addSecurityItem(new SecurityRequirement().addList("bearer"));
		}
		return api;
	}

}
