package dev.tango.api.it;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description the running service serves ({@code /v3/api-docs}), without API
 * keys (written to {@code target/openapi/tango-api.json} for generators): it follows
 * {@link OpenApiRules}, and the 400, 404 and 415 it declares are the ones the service
 * answers, operation by operation; its server is relative, whatever {@code Host} a
 * request names.
 */
class OpenApiIT extends ServiceIT {

	private static final String CLASSIFY = "{\"inputs\": [\"fine .\"]}";

	private static final String INFER = """
			{"inputs": [{"name": "text", "shape": [1], "datatype": "BYTES", "data": ["fine ."]}]}""";

	@Test
	void describesEveryOperationForClientGenerators() throws IOException {
		Response docs = get("/v3/api-docs");
		assertThat(docs.status()).isEqualTo(200);

		Path file = Path.of("target", "openapi", "tango-api.json");
		Files.createDirectories(file.getParent());
		Files.writeString(file, docs.body());
		OpenAPI api = OpenApiRules.check(docs.body(), false);

		assertThat(OpenApiRules.operations(api)).extracting(OpenApiRules.Endpoint::path)
			.contains("/v1/classify", "/v1/cascades/{name}/classify", "/v2", "/v2/health/live", "/v2/health/ready",
					"/v2/models/{name}", "/v2/models/{name}/ready", "/v2/models/{name}/infer",
					"/v2/models/{name}/versions/{version}", "/v2/models/{name}/versions/{version}/ready",
					"/v2/models/{name}/versions/{version}/infer");
	}

	@Test
	void declaresTheErrorsTheServiceAnswers() {
		OpenAPI api = OpenApiRules.check(get("/v3/api-docs").body(), false);
		String version = Integer.toString(active().version().version());
		for (OpenApiRules.Endpoint endpoint : OpenApiRules.operations(api)) {
			String path = endpoint.path().replace("{name}", SentimentCascadeFixture.NAME).replace("{version}", version);
			String name = endpoint.method() + " " + endpoint.path();
			if (endpoint.declares(415)) {
				assertThat(send(request(endpoint.method(), path, "text/plain", "x")).status()).as(name).isEqualTo(415);
				assertThat(send(request(endpoint.method(), path, "application/json", "{")).status()).as(name)
					.isEqualTo(400);
			}
			if (endpoint.path().contains("{name}")) {
				String unknown = endpoint.path().replace("{name}", "no-such-cascade").replace("{version}", version);
				String body = endpoint.path().startsWith("/v2") ? INFER : CLASSIFY;
				int status = send(request(endpoint.method(), unknown, "application/json", body)).status();
				assertThat(status).as(name).isEqualTo(404);
				assertThat(endpoint.declares(404)).as(name).isTrue();
			}
			if (endpoint.path().contains("{version}")) {
				String leadingZero = endpoint.path()
					.replace("{name}", SentimentCascadeFixture.NAME)
					.replace("{version}", "0" + version);
				String body = endpoint.path().startsWith("/v2") ? INFER : CLASSIFY;
				assertThat(send(request(endpoint.method(), leadingZero, "application/json", body)).status()).as(name)
					.isEqualTo(400);
				assertThat(endpoint.declares(400)).as(name).isTrue();
			}
			if (!endpoint.declares(415)) {
				assertThat(endpoint.method()).as(name + " reads no body").isEqualTo("GET");
			}
		}
	}

	@Test
	void namesNoHostARequestSent() throws IOException {
		String answer;
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream()
				.write("GET /v3/api-docs HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"
					.getBytes(StandardCharsets.US_ASCII));
			answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		OpenAPI api = OpenApiRules.check(get("/v3/api-docs").body(), false);

		assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("attacker.example");
		assertThat(api.getServers()).singleElement()
			.satisfies((
					server) -> assertThat(URI.create("http://proxy.example/tango/v3/api-docs").resolve(server.getUrl()))
						.as("the service's root, resolved against where the description was fetched")
						.isEqualTo(URI.create("http://proxy.example/tango/")));
	}

	private HttpRequest request(String method, String path, String contentType, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
		if (method.equals("GET")) {
			return request.GET().build();
		}
		return request.header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
	}

}
