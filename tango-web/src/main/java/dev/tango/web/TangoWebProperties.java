package dev.tango.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the services' embedded Tomcat ({@code tango.web.*}).
 *
 * @param readTimeout the longest a client may stay silent while its request (request
 * line, headers or body) is being read, and while a new connection waits for its first
 * request; it replaces {@code server.tomcat.connection-timeout}
 * @param keepAliveTimeout how long a connection may stay idle between two requests before
 * the server closes it; it replaces {@code server.tomcat.keep-alive-timeout}. Longer than
 * the idle time of common client pools (the JDK {@code HttpClient} keeps an idle
 * connection 30 s), so that a client does not send its next request into a connection the
 * server is closing
 * @param requestReadTimeout the longest reading a whole request may take, from its first
 * byte to the end of its body, however steadily the client sends. A request whose body
 * takes longer is answered 408 and its connection closed; a client that dribbles its body
 * is dropped within this plus one {@code readTimeout}. A connection whose request line
 * and headers take longer is closed without an answer, at most a quarter of this (and at
 * most a second) late (Tomcat's default NIO connector only; see
 * {@link DeadlineHttp11NioProtocol})
 * @param virtualThreads whether Tomcat runs requests on virtual threads, so that clients
 * that send slowly hold no platform thread
 * @param protocolErrorPaths path prefixes (such as {@code /v2/} for the Open Inference
 * Protocol; a prefix ending in a slash covers the path without it too, {@code /v2}) whose
 * container errors are written as {@code {"error": "..."}} instead of a problem detail
 */
@Validated
@ConfigurationProperties("tango.web")
public record TangoWebProperties(@DefaultValue("5s") @NotNull Duration readTimeout,
		@DefaultValue("65s") @NotNull Duration keepAliveTimeout,
		@DefaultValue("10s") @NotNull Duration requestReadTimeout, @DefaultValue("true") boolean virtualThreads,
		@DefaultValue List<String> protocolErrorPaths) {

	public TangoWebProperties {
		if (!readTimeout.isPositive()) {
			throw new IllegalArgumentException("tango.web.read-timeout must be positive, was " + readTimeout);
		}
		if (!keepAliveTimeout.isPositive()) {
			throw new IllegalArgumentException(
					"tango.web.keep-alive-timeout must be positive, was " + keepAliveTimeout);
		}
		if (!requestReadTimeout.isPositive()) {
			throw new IllegalArgumentException(
					"tango.web.request-read-timeout must be positive, was " + requestReadTimeout);
		}
		protocolErrorPaths = List.copyOf(protocolErrorPaths);
	}

}
