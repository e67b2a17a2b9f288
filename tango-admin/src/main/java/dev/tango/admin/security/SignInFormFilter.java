package dev.tango.admin.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemTypes;
import dev.tango.admin.web.ProblemWriter;
import dev.tango.web.params.SingleValuedParameters;

/**
 * Refuses a sign-in form that gives its username or password more than once (400, naming
 * the field), as every handler's single-valued parameters are refused, where Spring
 * Security would read the first value of each. Runs before {@link SignInThrottle}, so
 * that a refused form spends none of its address's allowance.
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
			String repeated = SingleValuedParameters.repeated(request, FIELDS);
			if (repeated != null) {
				this.problems.write(request, response, ProblemResponses.problem(HttpStatus.BAD_REQUEST,
						ProblemTypes.INVALID_REQUEST, "Invalid request", repeated));
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
