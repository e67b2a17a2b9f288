package dev.tango.admin.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.core.env.Environment;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Matches the requests for Actuator's paths that reach the service's own port while
 * Actuator answers on a port of its own ({@code management.server.port} set and different
 * from {@code server.port}). Nothing is served there, so anyone, signed in or not, is
 * answered 404 rather than asked to sign in: a probe or a scraper still pointed at this
 * port learns that the endpoint is not here, not that it lacks a role. Matches nothing
 * when Actuator shares the service's port (its endpoints keep their own rules there), nor
 * on the management port itself. Thread-safe.
 */
final class ActuatorOnServicePort implements RequestMatcher {

	private final boolean ownPort;

	private final RequestMatcher paths;

	/**
	 * Creates the matcher.
	 * @param environment where the ports are read from
	 * @param basePath Actuator's base path ({@code management.endpoints.web.base-path});
	 * empty or {@code /} where its endpoints sit at the root, which then leaves nothing
	 * to match
	 */
	ActuatorOnServicePort(Environment environment, String basePath) {
		String prefix = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		this.ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT && !prefix.isEmpty();
		this.paths = PathPatternRequestMatcher.withDefaults().matcher(prefix + "/**");
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return this.ownPort && this.paths.matches(request) && onTheServicePort(request);
	}

	/**
	 * Whether a request came in through the service's own web server, not the management
	 * server (whose context is a child of the application's, in the namespace
	 * {@code management}).
	 */
	private static boolean onTheServicePort(HttpServletRequest request) {
		WebApplicationContext context = WebApplicationContextUtils
			.getWebApplicationContext(request.getServletContext());
		return context != null && WebServerNamespace.SERVER.equals(WebServerNamespace.from(context));
	}

}
