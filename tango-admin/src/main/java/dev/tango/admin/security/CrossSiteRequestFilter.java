package dev.tango.admin.security;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemWriter;
import dev.tango.admin.web.ProblemTypes;

/**
 * Refuses state-changing requests that a browser sends on behalf of another site.
 * Browsers resend HTTP basic credentials by themselves, so without this a page elsewhere
 * could post a form here as a signed-in administrator. A request is refused (403) when
 * its method is not GET, HEAD or OPTIONS and the browser says it comes from elsewhere: a
 * {@code Sec-Fetch-Site} of {@code cross-site} or {@code same-site}, or an {@code Origin}
 * whose host and port differ from the request's. Programs, which send neither header, are
 * not affected.
 */
final class CrossSiteRequestFilter extends OncePerRequestFilter {

	private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final ProblemWriter problems;

	CrossSiteRequestFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!SAFE.contains(request.getMethod()) && fromElsewhere(request)) {
			this.problems.write(request, response, ProblemResponses.problem(HttpStatus.FORBIDDEN,
					ProblemTypes.FORBIDDEN, "Forbidden", "Cross-site requests may not change anything here."));
			return;
		}
		chain.doFilter(request, response);
	}

	private static boolean fromElsewhere(HttpServletRequest request) {
		String site = request.getHeader("Sec-Fetch-Site");
		if (site != null) {
			String value = site.toLowerCase(Locale.ROOT);
			if (value.equals("cross-site") || value.equals("same-site")) {
				return true;
			}
		}
		String origin = request.getHeader("Origin");
		if (origin == null) {
			return false;
		}
		try {
			URI uri = URI.create(origin);
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
			return uri.getHost() == null || !uri.getHost().equalsIgnoreCase(request.getServerName())
					|| port != request.getServerPort();
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
	}

}
