package dev.tango.admin.security;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemTypes;
import dev.tango.admin.web.ProblemWriter;
import dev.tango.web.params.SingleValuedParameters;

/**
 * Refuses a sign-in form that gives its username or password more than once (400, naming
 * the field), as every handler's single-valued parameters are refused, where Spring
 * Security would read the first value of each; and one that gives either in the URL
 * instead of the body, where Spring Security would read it from there. Runs before
 * {@link SignInThrottle}, so that a refused form spends none of its address's allowance.
 */
final class SignInFormFilter extends OncePerRequestFilter {

	private static final List<String> FIELDS = List.of("username", "password");

	private final ProblemWriter problems;

	SignInFormFilter(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (SignInEntryPoint.postsTheForm(request)) {
			String refusal = inTheUrl(request);
			if (refusal == null) {
				refusal = SingleValuedParameters.repeated(request, FIELDS);
			}
			if (refusal != null) {
				this.problems.write(request, response, ProblemResponses.problem(HttpStatus.BAD_REQUEST,
						ProblemTypes.INVALID_REQUEST, "Invalid request", refusal));
				return;
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Says why a form whose username or password is in the URL is refused: a URL is
	 * written to logs and browser histories, a password must not be.
	 */
	private static @Nullable String inTheUrl(HttpServletRequest request) {
		String query = request.getQueryString();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decoded((equals >= 0) ? pair.substring(0, equals) : pair);
			if (FIELDS.contains(name)) {
				return "Send the sign-in form's '" + name + "' in the request body, not in the URL";
			}
		}
		return null;
	}

	private static String decoded(String name) {
		try {
			return URLDecoder.decode(name, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return name;
		}
	}

}
