package dev.tango.admin.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Sends a browser that opens a page without being signed in to the sign-in page, and
 * answers everything else (programs, scripts, requests that sent credentials) with the
 * given entry point's 401 problem. A request counts as a browser opening a page when it
 * is a {@code GET} outside {@code /api/} that accepts {@code text/html} and sends no
 * {@code Authorization} header. A browser whose session has just outlived its lifetime
 * ({@link SessionLifetimeFilter}) is told so on the sign-in page
 * ({@value #SESSION_ENDED}).
 */
final class SignInEntryPoint implements AuthenticationEntryPoint {

	/** The sign-in page's path. */
	static final String SIGN_IN = "/login";

	/** The sign-in page's query saying that the session ended. */
	static final String SESSION_ENDED = "?session-ended";

	private final AuthenticationEntryPoint problems;

	SignInEntryPoint(AuthenticationEntryPoint problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException, jakarta.servlet.ServletException {
		if (opensAPage(request)) {
			boolean ended = request.getAttribute(SessionLifetimeFilter.ENDED) != null;
			response.sendRedirect(request.getContextPath() + SIGN_IN + (ended ? SESSION_ENDED : ""));
			return;
		}
		this.problems.commence(request, response, exception);
	}

	/**
	 * Returns whether a request is a browser opening a page, as described above.
	 * @param request the request
	 * @return {@code true} for a page to send to the sign-in page, and to return to after
	 * it
	 */
	static boolean opensAPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "GET".equals(request.getMethod()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
				&& accept != null && accept.contains(MediaType.TEXT_HTML_VALUE) && !path.startsWith("/api/");
	}

	/**
	 * Returns whether a request posts the sign-in form.
	 * @param request the request
	 * @return {@code true} for a {@code POST} to the sign-in page
	 */
	static boolean postsTheForm(HttpServletRequest request) {
		return HttpMethod.POST.matches(request.getMethod()) && SIGN_IN.equals(request.getServletPath());
	}

}
