package dev.tango.client;

import java.io.Serial;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * An error answer of the service. Under {@code /v1} and on the probes it is an RFC 9457
 * problem detail, whose members this exception carries: a stable {@link #type()} URI to
 * branch on (such as {@code https://tango.dev/problems/queue-full}), a {@link #title()},
 * a {@link #detail()} that says what to change, the {@link #instance()} path and any
 * other members ({@link #properties()}, such as {@code inputs} of
 * {@code token-limit-exceeded}). Under {@code /v2} it is the Open Inference Protocol's
 * {@code {"error": "..."}} object: only the status and the detail are known. An answer
 * that is neither (a proxy's page) keeps its status and the start of its body, decoded by
 * the charset of its {@code Content-Type}, as the detail. A redirect (3xx), which the
 * client does not follow, keeps its status, and its detail says where it leads
 * ({@code Location}). A success of another status than the call's (a proxy's 204) keeps
 * its status, and its detail says so. Serializable with its properties.
 */
public final class TangoApiException extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final @Nullable URI type;

	private final @Nullable String title;

	private final @Nullable String detail;

	private final @Nullable URI instance;

	private final @Nullable Duration retryAfter;

	/** JSON values (maps, lists, strings, numbers, booleans, nulls), all serializable. */
	private final Map<String, Object> properties;

	TangoApiException(String method, URI uri, int status, @Nullable URI type, @Nullable String title,
			@Nullable String detail, @Nullable URI instance, @Nullable Duration retryAfter,
			Map<String, Object> properties) {
		super(message(method, uri, status, type, title, detail));
		this.status = status;
		this.type = type;
		this.title = title;
		this.detail = detail;
		this.instance = instance;
		this.retryAfter = retryAfter;
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	private static String message(String method, URI uri, int status, @Nullable URI type, @Nullable String title,
			@Nullable String detail) {
		StringBuilder message = new StringBuilder(method).append(' ').append(uri).append(": ").append(status);
		if (type != null) {
			message.append(' ').append(type);
		}
		if (title != null) {
			message.append(" (").append(title).append(')');
		}
		if (detail != null) {
			message.append(": ").append(detail);
		}
		return message.toString();
	}

	/**
	 * Returns the HTTP status.
	 * @return the status: 400 to 599 for an error answer, 300 to 399 for a redirect, or
	 * another status that the call does not expect
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns the problem's type.
	 * @return the type URI; empty for a protocol error object or a body that is not a
	 * problem detail
	 */
	public Optional<URI> type() {
		return Optional.ofNullable(this.type);
	}

	/**
	 * Returns the problem's title, the same for every problem of its type.
	 * @return the title, if the answer had one
	 */
	public Optional<String> title() {
		return Optional.ofNullable(this.title);
	}

	/**
	 * Returns what went wrong with this request and what to change.
	 * @return the detail, if the answer had one
	 */
	public Optional<String> detail() {
		return Optional.ofNullable(this.detail);
	}

	/**
	 * Returns the problem's instance: the request path.
	 * @return the instance, if the answer had one
	 */
	public Optional<URI> instance() {
		return Optional.ofNullable(this.instance);
	}

	/**
	 * Returns how long the service asked to wait before trying again.
	 * @return the {@code Retry-After} delay, if the answer had one
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Returns the problem's other members, as JSON values (strings, numbers, booleans,
	 * lists and maps).
	 * @return the members other than type, title, status, detail and instance, in order;
	 * unmodifiable
	 */
	public Map<String, Object> properties() {
		return this.properties;
	}

	/**
	 * Returns whether the problem is of a type.
	 * @param slug the type's last path segment, such as {@code queue-full}
	 * @return {@code true} if the type URI ends with {@code /slug}
	 */
	public boolean isType(String slug) {
		return this.type != null && this.type.getPath() != null && this.type.getPath().endsWith("/" + slug);
	}

}
