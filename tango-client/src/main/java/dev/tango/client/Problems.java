package dev.tango.client;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.Charset;
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
 * Turns answers that are not the call's into {@link TangoApiException}s: problem details,
 * Open Inference Protocol error objects, redirects (which the client does not follow),
 * successes of a status the service does not give for the call (a proxy's 204, say), and
 * anything else.
 */
final class Problems {

	private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

	/** How much of a body that is not JSON is kept as the detail. */
	private static final int MAX_RAW_DETAIL = 500;

	private final JsonMapper json;

	Problems(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Reads an error answer.
	 * @param method the call's method
	 * @param uri the call's URI
	 * @param status the answer's status, one the call does not expect
	 * @param headers the answer's headers
	 * @param body the answer's body, or its start
	 * @param now the current time, against which a {@code Retry-After} date is measured
	 * @return the exception that says what the answer said
	 */
	TangoApiException read(String method, URI uri, int status, HttpHeaders headers, byte[] body, Instant now) {
		if (status >= 200 && status < 300) {
			return new TangoApiException(method, uri, status, null, null, "Answered " + status
					+ ", a success the service does not give for this call: check that the base URI is the service's",
					null, null, Map.of());
		}
		if (status >= 300 && status < 400) {
			return redirect(method, uri, status, headers);
		}
		Duration retryAfter = RetryAfter.parse(headers.firstValue("Retry-After").orElse(null), now).orElse(null);
		Map<String, Object> members = members(body);
		if (members == null) {
			String text = new String(body, charset(headers)).strip();
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

	/** A redirect: its detail says where to, whatever its body says. */
	private static TangoApiException redirect(String method, URI uri, int status, HttpHeaders headers) {
		String location = headers.firstValue("Location").map((value) -> resolve(uri, value)).orElse(null);
		String detail = (location != null)
				? "Redirects to " + location + ", which the client does not follow: correct the base URI"
				: "Redirects without a Location";
		return new TangoApiException(method, uri, status, null, null, detail, null, null, Map.of());
	}

	private static String resolve(URI uri, String location) {
		try {
			return uri.resolve(location).toString();
		}
		catch (IllegalArgumentException ex) {
			return location;
		}
	}

	/** The charset a {@code Content-Type} names, UTF-8 if none or an unknown one. */
	private static Charset charset(HttpHeaders headers) {
		String contentType = headers.firstValue("Content-Type").orElse("");
		for (String parameter : contentType.split(";")) {
			String[] nameAndValue = parameter.split("=", 2);
			if (nameAndValue.length == 2 && nameAndValue[0].strip().equalsIgnoreCase("charset")) {
				String name = nameAndValue[1].strip().replace("\"", "");
				try {
					return Charset.forName(name);
				}
				catch (IllegalArgumentException ex) {
					return StandardCharsets.UTF_8;
				}
			}
		}
		return StandardCharsets.UTF_8;
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
