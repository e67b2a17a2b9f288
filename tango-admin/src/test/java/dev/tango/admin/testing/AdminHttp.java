package dev.tango.admin.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a running admin service over real HTTP as one user, with HTTP basic.
 */
public final class AdminHttp {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private final String authorization;

	/**
	 * Creates a client.
	 * @param port the service's port
	 * @param user the user name
	 * @param password the password
	 */
	public AdminHttp(int port, String user, String password) {
		this.base = "http://localhost:" + port;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	public HttpResponse<String> get(String path) {
		return send(request(path).GET());
	}

	/**
	 * Gets a resource with more headers.
	 * @param path the path
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = request(path);
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.GET());
	}

	public HttpResponse<String> delete(String path) {
		return send(request(path).DELETE());
	}

	public HttpResponse<String> postJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * Posts JSON with more headers.
	 * @param path the path
	 * @param json the body
	 * @param headers header names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> postJson(String path, String json, String... headers) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json");
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return send(request.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	/**
	 * Sends a request with any method and body.
	 * @param method the method
	 * @param path the path
	 * @param contentType the body's content type
	 * @param body the body
	 * @return the response
	 */
	public HttpResponse<String> send(String method, String path, String contentType, byte[] body) {
		return send(request(path).header("Content-Type", contentType)
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public HttpResponse<String> post(String path, String contentType, byte[] body) {
		return send(
				request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	/**
	 * Posts a multipart form with one file part and text fields.
	 * @param path the path
	 * @param fileName the file's name
	 * @param content the file's bytes
	 * @param fields field names and values, alternating
	 * @return the response
	 */
	public HttpResponse<String> postFile(String path, String fileName, byte[] content, String... fields) {
		String boundary = "tango-" + UUID.randomUUID();
		StringBuilder head = new StringBuilder();
		for (int i = 0; i < fields.length; i += 2) {
			head.append("--")
				.append(boundary)
				.append("\r\nContent-Disposition: form-data; name=\"")
				.append(fields[i])
				.append("\"\r\n\r\n")
				.append(fields[i + 1])
				.append("\r\n");
		}
		head.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
			.append(fileName)
			.append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
		byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
		byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
		byte[] body = new byte[start.length + content.length + end.length];
		System.arraycopy(start, 0, body, 0, start.length);
		System.arraycopy(content, 0, body, start.length, content.length);
		System.arraycopy(end, 0, body, start.length + content.length, end.length);
		return post(path, "multipart/form-data; boundary=" + boundary, body);
	}

	/**
	 * Parses a response body as JSON.
	 * @param response the response
	 * @return the JSON
	 */
	public static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path)).header("Authorization", this.authorization);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
