package dev.tango.admin.web;

import java.util.List;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.properties.SpringDocConfigProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tango.web.RequestPaths;

/**
 * The OpenAPI description of the admin's API ({@code /v3/api-docs}): its title, version,
 * and one server, the service's root relative to the description
 * ({@link RequestPaths#rootFrom}), so that the description never repeats the {@code Host}
 * header of a request (springdoc would put it there, and serve it to whoever asks next)
 * and names the right root behind a proxy that adds a path prefix.
 */
@Configuration(proxyBeanMethods = false)
class AdminOpenApiConfiguration {

	@Bean
	OpenAPI adminOpenApi(ObjectProvider<BuildProperties> build, SpringDocConfigProperties springdoc) {
		BuildProperties buildProperties = build.getIfAvailable();
		return new OpenAPI()
			.info(new Info().title("Tango admin")
				.description("The registry of models and cascades, data sets, jobs and releases")
				.version((buildProperties != null) ? buildProperties.getVersion() : "unknown"))
			.servers(List.of(new Server().url(RequestPaths.rootFrom(springdoc.getApiDocs().getPath()))
				.description("This service")));
	}

}
