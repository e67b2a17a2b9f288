package dev.tango.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running tango-api over real HTTP/1.1, directly or through a load balancer; a
 * request unanswered within {@value #TIMEOUT_SECONDS} s fails.
 */
final class ApiClient {

	static final int TIMEOUT_SECONDS = 30;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final Function<String, URI> address;

	/**
	 * Creates a client.
	 * @param address resolves a path (with its query) to the URI to call, such as
	 * {@link ServiceProcess#uri}
	 */
	ApiClient(Function<String, URI> address) {
		this.address = address;
	}

	/**
	 * Classifies texts with a cascade, {@code POST /v1/cascades/{name}/classify}.
	 * @param cascade the cascade's name
	 * @param texts the inputs
	 * @return the answer, whatever its status
	 */
	Answer classify(String cascade, List<String> texts) {
		String body = JSON.writeValueAsString(Map.of("inputs", texts));
		HttpResponse<String> response = send(
				request("/v1/cascades/" + cascade + "/classify").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body))
					.build());
		return new Answer(response.statusCode(), response.body());
	}

	/**
	 * Reads the readiness probe, {@code GET /actuator/health/readiness}.
	 * @return the answer, whatever its status
	 */
	Answer readiness() {
		HttpResponse<String> response = send(request("/actuator/health/readiness").build());
		return new Answer(response.statusCode(), response.body());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.address.apply(path)).timeout(Duration.ofSeconds(TIMEOUT_SECONDS));
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status its status
	 * @param body its body
	 */
	record Answer(int status, String body) {

		/**
		 * Reads the body as JSON.
		 * @return the JSON
		 */
		JsonNode json() {
			return JSON.readTree(this.body);
		}

		/**
		 * Reads the cascade version that answered a classification.
		 * @return the version
		 */
		int version() {
			return json().required("version").asInt();
		}

		/**
		 * Reads the labels of a classification, in input order.
		 * @return the labels
		 */
		List<String> labels() {
			return json().required("results")
				.valueStream()
				.map((result) -> result.required("label").asString())
				.toList();
		}

	}

}
