package dev.tango.admin.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemTypes;
import dev.tango.admin.web.ProblemWriter;

/**
 * Answers 404 to the requests for Actuator's paths that reach the service's own port
 * while Actuator answers on a port of its own ({@code management.server.port} set and
 * different from {@code server.port}): nothing is served there, so anyone, signed in or
 * not, with right or wrong credentials, learns that the endpoint is not here rather than
 * being asked to sign in, and the request goes no further. It sits in the security filter
 * chain before any authentication, so a base path that other paths share (an operator's
 * {@code management.endpoints.web.base-path=/api}) closes them on the service port rather
 * than opening them. Does nothing when Actuator shares the service's port (its endpoints
 * keep their own rules there), nor on the management port itself. Thread-safe.
 */
final class ActuatorOnServicePort extends OncePerRequestFilter {

	private final boolean ownPort;

	private final RequestMatcher paths;

	private final ProblemWriter problems;

	/**
	 * Creates the filter.
	 * @param environment where the ports are read from
	 * @param basePath Actuator's base path ({@code management.endpoints.web.base-path});
	 * empty or {@code /} where its endpoints sit at the root, which then leaves nothing
	 * to refuse
	 * @param problems writes the refusal
	 */
	ActuatorOnServicePort(Environment environment, String basePath, ProblemWriter problems) {
		String prefix = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
		this.ownPort = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT && !prefix.isEmpty();
		this.paths = PathPatternRequestMatcher.withDefaults().matcher(prefix + "/**");
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.ownPort && this.paths.matches(request) && onTheServicePort(request)) {
			this.problems.write(request, response, ProblemResponses.problem(HttpStatus.NOT_FOUND,
					ProblemTypes.NOT_FOUND, "Not Found", "Actuator answers on the management port only"));
			return;
		}
		chain.doFilter(request, response);
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
