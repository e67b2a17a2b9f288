package dev.tango.api.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Real HTTP calls to the service a test started on a local port: classification requests,
 * other posts of JSON and reads of the Actuator endpoints.
 */
public final class LocalService {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final int port;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/**
	 * Creates a client.
	 * @param port the service's port
	 */
	public LocalService(int port) {
		this.port = port;
	}

	/**
	 * Classifies texts through {@code /v1/classify}.
	 * @param texts the texts
	 * @return the response
	 */
	public HttpResponse<String> classify(List<String> texts) {
		return post("/v1/classify", JSON.writeValueAsString(Map.of("inputs", texts)));
	}

	/**
	 * Posts JSON to a path.
	 * @param path the path
	 * @param json the body
	 * @return the response
	 */
	public HttpResponse<String> post(String path, String json) {
		return send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(120))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build());
	}

	/**
	 * Reads a path.
	 * @param path the path
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET().build());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Request to " + request.uri() + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
