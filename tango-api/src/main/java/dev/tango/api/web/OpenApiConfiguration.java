package dev.tango.api.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import tools.jackson.databind.JsonNode;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.api.ApiProperties;
import dev.tango.web.RequestPaths;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * the service's information, the error schemas, each operation's error responses
 * ({@link ErrorResponses}) and, when keys are required, the API-key schemes.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static {
		// The tensor data of an inference request: a flat or nested array of texts, read
		// as a JsonNode.
		SpringDocUtils.getConfig()
			.replaceWithSchema(JsonNode.class, new ArraySchema()
				.items(new Schema<>().description("A text, or an array of texts for a nested shape")));
	}

	/**
	 * Declares the error responses of every operation where they can occur, and the
	 * schemas they refer to.
	 * @param properties the service's settings: 401 is declared only when keys are
	 * required
	 * @return the customizer
	 */
	@Bean
	OpenApiCustomizer tangoErrorResponses(ApiProperties properties) {
		ErrorResponses errors = new ErrorResponses(properties.auth().enabled());
		return (api) -> {
			Components components = (api.getComponents() != null) ? api.getComponents() : new Components();
			api.components(components
				.addSchemas(ErrorResponses.PROBLEM,
						new ObjectSchema().description("An RFC 9457 problem detail, the body of every error under /v1")
							.addProperty("type",
									new StringSchema().format("uri")
										.description("A stable URI naming the kind of problem, such as "
												+ "https://tango.dev/problems/queue-full; branch on it"))
							.addProperty("title", new StringSchema().description("A summary of the kind of problem"))
							.addProperty("status", new IntegerSchema().description("The HTTP status"))
							.addProperty("detail",
									new StringSchema()
										.description("What went wrong with this request, and what to change"))
							.addProperty("instance",
									new StringSchema().format("uri-reference").description("The request path")))
				.addSchemas(ErrorResponses.INFERENCE_ERROR, new ObjectSchema()
					.description("An Open Inference Protocol error, the body of every error under /v2")
					.addProperty("error", new StringSchema().description("What went wrong, and what to change"))));
			api.getPaths()
				.forEach((path, item) -> item.readOperationsMap()
					.forEach((method, operation) -> errors.declare(path, operation)));
		};
	}

	/**
	 * The service's information and API-key schemes. Its one server is the service's root
	 * as seen from where the description is served ({@link RequestPaths#rootFrom}), a
	 * relative URL, so that the description never repeats a request's {@code Host} header
	 * (which springdoc would put there, and cache for everyone who asks next), and still
	 * names the right root behind a proxy that serves the service under a path prefix.
	 * @param properties the service's settings: the key schemes only when keys are
	 * required
	 * @param build the build's version, when the jar carries it
	 * @param springdoc springdoc's settings, for the description's path
	 * @return the description's fixed part
	 */
	@Bean
	OpenAPI tangoOpenApi(ApiProperties properties, ObjectProvider<BuildProperties> build,
			SpringDocConfigProperties springdoc) {
		BuildProperties buildProperties = build.getIfAvailable();
		OpenAPI api = new OpenAPI()
			.info(new Info().title("Tango classification service")
				.description("Text classification through confidence-gated cascades of transformer models: "
						+ "a native REST API (/v1) and the Open Inference Protocol v2 (/v2). "
						+ "Errors are RFC 9457 problem details under /v1 and {\"error\": \"...\"} objects under /v2; "
						+ "429 and 503 carry Retry-After.")
				.version((buildProperties != null) ? buildProperties.getVersion() : "unknown")
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.servers(List.of(new Server().url(RequestPaths.rootFrom(springdoc.getApiDocs().getPath()))
				.description("This service")));
		if (properties.auth().enabled()) {
			api.components(new Components()
				.addSecuritySchemes("apiKey",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(ApiKeyFilter.HEADER))
				.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")));
		}
		return api;
	}

}
