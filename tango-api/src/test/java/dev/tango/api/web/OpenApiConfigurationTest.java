package dev.tango.api.web;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The description's server URL leads from wherever the description is served back to the
 * service's root.
 */
class OpenApiConfigurationTest {

	@ParameterizedTest
	@CsvSource({ "/v3/api-docs, ../", "/api-docs, ./", "api-docs, ./", "/docs/v3/api-docs, ../../",
			"/docs/v3/, ../../" })
	void theServerIsTheRootSeenFromTheDescription(String path, String expected) {
		String root = OpenApiConfiguration.rootFrom(path);

		assertThat(root).isEqualTo(expected);
		assertThat(URI.create("https://proxy.example/prefix" + (path.startsWith("/") ? "" : "/") + path).resolve(root))
			.isEqualTo(URI.create("https://proxy.example/prefix/"));
	}

}
