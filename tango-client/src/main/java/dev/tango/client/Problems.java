package dev.tango.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns error answers into {@link TangoApiException}s: problem details, Open Inference
 * Protocol error objects, and anything else.
 */
final class Problems {

	private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

	/** How much of a body that is not JSON is kept as the detail. */
	private static final int MAX_RAW_DETAIL = 500;

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	TangoApiException read(String method, URI uri, HttpResponse<byte[]> response, Instant now) {
		int status = response.statusCode();
		Duration retryAfter = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), now)
			.orElse(null);
		Map<String, Object> members = members(response.body());
		if (members == null) {
			String text = new String(response.body(), StandardCharsets.UTF_8).strip();
			String detail = text.isEmpty() ? null
					: (text.length() > MAX_RAW_DETAIL) ? text.substring(0, MAX_RAW_DETAIL) + "…" : text;
			return new TangoApiException(method, uri, status, null, null, detail, null, retryAfter, Map.of());
		}
		if (!members.containsKey("type") && !members.containsKey("title") && members.get("error") instanceof String) {
			return new TangoApiException(method, uri, status, null, null, (String) members.get("error"), null,
					retryAfter, Map.of());
		}
		Map<String, Object> others = new LinkedHashMap<>(members);
		others.keySet().removeAll(STANDARD_MEMBERS);
		return new TangoApiException(method, uri, status, uriMember(members, "type"), stringMember(members, "title"),
				stringMember(members, "detail"), uriMember(members, "instance"), retryAfter, others);
	}

	private @Nullable Map<String, Object> members(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readValue(body, new TypeReference<Map<String, Object>>() {
			});
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String stringMember(Map<String, Object> members, String name) {
		return (members.get(name) instanceof String value) ? value : null;
	}

	private static @Nullable URI uriMember(Map<String, Object> members, String name) {
		String value = stringMember(members, name);
		if (value == null) {
			return null;
		}
		try {
			return URI.create(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
