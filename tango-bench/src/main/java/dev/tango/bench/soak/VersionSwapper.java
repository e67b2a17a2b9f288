package dev.tango.bench.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.tango.bench.cascade.Json;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Swaps a cascade's active version through tango-admin's REST API, as an operator would:
 * it first creates a second version of the cascade with the active version's tiers (so
 * both load the same models), then each {@link #swap()} activates the other one.
 */
final class VersionSwapper {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI cascade;

	private final String authorization;

	private final int first;

	private final int second;

	private int active;

	/**
	 * Prepares the swaps.
	 * @param admin tango-admin's base URI
	 * @param user an administrator's name
	 * @param password their password
	 * @param cascadeName the cascade to swap
	 * @throws IOException if the admin refuses or cannot be reached
	 * @throws InterruptedException if interrupted
	 */
	VersionSwapper(URI admin, String user, String password, String cascadeName)
			throws IOException, InterruptedException {
		this.cascade = admin.resolve("/api/cascades/" + cascadeName + "/");
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
		JsonNode version = call("GET", "active", null).get("version");
		this.first = version.get("version").asInt();
		ObjectNode request = Json.MAPPER.createObjectNode();
		request.put("description", "copy of version " + this.first + " for a soak test's swaps");
		ArrayNode tiers = request.putArray("tiers");
		for (JsonNode tier : version.get("tiers")) {
			ObjectNode copy = tiers.addObject();
			copy.put("model", tier.at("/model/model").asString() + ":" + tier.at("/model/version").asInt());
			if (tier.hasNonNull("gate")) {
				copy.put("threshold", tier.at("/gate/threshold").asDouble());
				copy.put("confidence", tier.at("/gate/measure").asString());
				copy.put("temperature", tier.at("/gate/temperature").asDouble());
			}
			copy.put("batchSize", tier.get("batchSize").asInt());
			copy.put("maxBatchDelayMillis", tier.get("maxBatchDelayMillis").asInt());
			if (tier.hasNonNull("intraOpThreads")) {
				copy.put("intraOpThreads", tier.get("intraOpThreads").asInt());
			}
		}
		this.second = call("POST", "versions", request).get("version").asInt();
		this.active = this.first;
	}

	/**
	 * Activates the version that is not active.
	 * @return the version now active
	 * @throws IOException if the admin refuses or cannot be reached
	 * @throws InterruptedException if interrupted
	 */
	int swap() throws IOException, InterruptedException {
		int next = (this.active == this.first) ? this.second : this.first;
		ObjectNode body = Json.MAPPER.createObjectNode();
		body.put("version", next);
		body.put("reason", "soak test swap");
		call("POST", "activate", body);
		this.active = next;
		return next;
	}

	private JsonNode call(String method, String path, @Nullable ObjectNode body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.cascade.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json");
		request.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body.toString())
				: HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() / 100 != 2) {
			throw new IOException(method + " " + this.cascade.resolve(path) + " answered " + response.statusCode()
					+ ": " + response.body());
		}
		return Json.MAPPER.readTree(response.body());
	}

}
