package dev.tango.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request through only if it carries an accepted API key, as
 * {@code X-API-Key: <key>} or {@code Authorization: Bearer <key>}. Keys are compared
 * through their SHA-256 digests, in time independent of where they differ, and every key
 * is compared, so that the time taken says nothing about the keys. The check reads the
 * headers only: a refusal (401, rendered by the application's exception handler) is sent
 * before the body is read, with {@code Connection: close}, and the connection is closed
 * without reading the body. A request let in is marked with its key's place among the
 * accepted keys, which {@link Clients} names it by.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	static final String HEADER = "X-API-Key";

	/** The paths whose requests need a key, as servlet URL patterns. */
	static final List<String> URL_PATTERNS = List.of("/v1/*", "/v2/models/*");

	private static final String BEARER = "bearer ";

	private final List<byte[]> digests;

	private final HandlerExceptionResolver errors;

	/**
	 * Returns whether requests to a path need a key when keys are required.
	 * @param path a request path, or a path template of the OpenAPI description
	 * @return {@code true} if one of the {@link #URL_PATTERNS} matches it
	 */
	static boolean guards(String path) {
		for (String pattern : URL_PATTERNS) {
			if (path.startsWith(pattern.substring(0, pattern.length() - 1))) {
				return true;
			}
		}
		return false;
	}

	ApiKeyFilter(List<String> keys, HandlerExceptionResolver errors) {
		this.digests = keys.stream().filter((key) -> !key.isBlank()).map(ApiKeyFilter::digest).toList();
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = key(request);
		int accepted = (key != null) ? accepted(key) : 0;
		if (accepted == 0) {
			response.setHeader(HttpHeaders.CONNECTION, "close");
			String reason = (key != null) ? "The API key is not accepted"
					: "This endpoint needs an API key: send it as '" + HEADER
							+ ": <key>' or 'Authorization: Bearer <key>'";
			this.errors.resolveException(request, response, null, new ApiKeyException(reason));
			return;
		}
		Clients.letInWithKey(request, accepted);
		chain.doFilter(request, response);
	}

	private static @Nullable String key(HttpServletRequest request) {
		String key = request.getHeader(HEADER);
		if (key != null && !key.isBlank()) {
			return key.trim();
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.length() > BEARER.length()
				&& authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			String token = authorization.substring(BEARER.length()).trim();
			return token.isEmpty() ? null : token;
		}
		return null;
	}

	/** Returns the key's place among the accepted ones, from 1, or 0 if it is not one. */
	private int accepted(String key) {
		byte[] digest = digest(key);
		int accepted = 0;
		for (int i = 0; i < this.digests.size(); i++) {
			accepted = MessageDigest.isEqual(this.digests.get(i), digest) ? i + 1 : accepted;
		}
		return accepted;
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
