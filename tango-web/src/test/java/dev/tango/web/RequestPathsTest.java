package dev.tango.web;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relative URL of a service's root leads from wherever a page below it is served back
 * to the root, whatever prefix a proxy adds.
 */
class RequestPathsTest {

	@ParameterizedTest
	@CsvSource({ "/v3/api-docs, ../", "/api-docs, ./", "api-docs, ./", "/docs/v3/api-docs, ../../",
			"/docs/v3/, ../../" })
	void theServerIsTheRootSeenFromTheDescription(String path, String expected) {
		String root = RequestPaths.rootFrom(path);

		assertThat(root).isEqualTo(expected);
		assertThat(URI.create("https://proxy.example/prefix" + (path.startsWith("/") ? "" : "/") + path).resolve(root))
			.isEqualTo(URI.create("https://proxy.example/prefix/"));
	}

}
