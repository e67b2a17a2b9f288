package dev.tango.admin.security;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.runtime.artifact.Sha256;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests against the configured API
 * tokens by their SHA-256, compared in constant time. A bearer token that matches none is
 * refused through the entry point (401).
 */
final class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

	private static final String BEARER = "bearer ";

	private final List<AdminProperties.ApiToken> tokens;

	private final AuthenticationEntryPoint entryPoint;

	ApiTokenAuthenticationFilter(List<AdminProperties.ApiToken> tokens, AuthenticationEntryPoint entryPoint) {
		this.tokens = List.copyOf(tokens);
		this.entryPoint = entryPoint;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
			chain.doFilter(request, response);
			return;
		}
		byte[] digest = HexFormat.of().parseHex(Sha256.ofUtf8(header.substring(BEARER.length()).strip()));
		AdminProperties.ApiToken match = null;
		for (AdminProperties.ApiToken token : this.tokens) {
			if (MessageDigest.isEqual(digest, HexFormat.of().parseHex(token.sha256().toLowerCase(Locale.ROOT)))) {
				match = token;
			}
		}
		if (match == null) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response, new BadCredentialsException("Unknown API token"));
			return;
		}
		UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(
				match.name(), null,
				match.roles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList());
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication);
		SecurityContextHolder.setContext(context);
		chain.doFilter(request, response);
	}

}
