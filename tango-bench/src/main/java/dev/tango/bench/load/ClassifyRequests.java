package dev.tango.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import dev.tango.bench.cascade.Json;

/**
 * The requests that the bench's load generators send: single-text
 * {@code POST /v1/classify} requests with a JSON body, over HTTP/1.1. Stateless.
 */
public final class ClassifyRequests {

	private ClassifyRequests() {
	}

	/**
	 * Returns where the requests go.
	 * @param base the service's base URI
	 * @return its {@code /v1/classify}
	 */
	public static URI endpoint(URI base) {
		return base.resolve("/v1/classify");
	}

	/**
	 * Returns the bodies of single-text requests.
	 * @param texts the texts
	 * @return one JSON body per text, {@code {"inputs":[text]}}, in the order given
	 */
	public static List<String> bodies(List<String> texts) {
		return texts.stream()
			.map((text) -> Json.MAPPER.createObjectNode()
				.set("inputs", Json.MAPPER.createArrayNode().add(text))
				.toString())
			.toList();
	}

	/**
	 * Returns a request.
	 * @param endpoint where it goes, from {@link #endpoint}
	 * @param body its JSON body, from {@link #bodies}
	 * @param timeout how long the answer may take
	 * @return the request
	 */
	public static HttpRequest post(URI endpoint, String body, Duration timeout) {
		return HttpRequest.newBuilder(endpoint)
			.timeout(timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	/**
	 * Returns a builder of the client that sends the requests: HTTP/1.1, so that
	 * concurrent requests take connections of their own, with 5 seconds to connect.
	 * @return the builder, to which a caller may add more settings
	 */
	public static HttpClient.Builder client() {
		return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
	}

}
