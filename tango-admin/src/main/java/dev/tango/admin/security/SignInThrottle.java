package dev.tango.admin.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemWriter;
import dev.tango.admin.web.ProblemTypes;

/**
 * Throttles password guessing by client address. A request with a password (HTTP basic,
 * or the sign-in form's {@code POST}) takes one check from its address's
 * {@link SignInAttempts allowance} before the password is verified, and gives it back as
 * soon as the password proves right; once an address has spent its allowance on failures,
 * its requests with a password are refused with 429 and {@code Retry-After} before any
 * password is verified, so that guessing costs the service no BCrypt verifications.
 * Bearer tokens, checked by a digest, are not throttled; requests without credentials
 * (health, the sign-in page, a signed-in session) pass untouched.
 */
final class SignInThrottle extends OncePerRequestFilter {

	private static final String BASIC = "basic ";

	private final SignInAttempts attempts;

	private final ProblemWriter problems;

	/**
	 * Creates the filter.
	 * @param attempts the allowance of each address
	 * @param problems writes the refusal
	 */
	SignInThrottle(SignInAttempts attempts, ProblemWriter problems) {
		this.attempts = attempts;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!carriesPassword(request)) {
			chain.doFilter(request, response);
			return;
		}
		Duration wait = this.attempts.take(request);
		if (!wait.isZero()) {
			long seconds = Math.max(1, wait.toSeconds() + 1);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			this.problems.write(request, response,
					ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_SIGN_IN_FAILURES,
							"Too many failed sign-ins",
							"Too many failed sign-ins from this address: try again in " + seconds + " s"));
			return;
		}
		try {
			chain.doFilter(request, response);
		}
		finally {
			// Where no password was verified (a session that also sends HTTP basic), no
			// success event gave the check back.
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (authentication != null && authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken)) {
				this.attempts.giveBack(request);
			}
		}
	}

	private static boolean carriesPassword(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BASIC))
				|| SignInEntryPoint.postsTheForm(request);
	}

}
