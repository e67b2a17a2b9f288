package dev.tango.api.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.api.ApiProperties;

/**
 * The OpenAPI description ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}),
 * with the API-key schemes when keys are required.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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
