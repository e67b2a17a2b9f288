package dev.tango.admin.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.tango.admin.web.ProblemResponses;
import dev.tango.admin.web.ProblemTypes;
import dev.tango.web.ratelimit.ClientRateLimiter;

/**
 * Throttles password guessing by client address. A request that carries credentials (an
 * {@code Authorization} header, or the sign-in form's {@code POST}) takes one attempt
 * from its address's allowance before they are verified, and gives it back when they
 * prove right; once an address has spent its allowance on failures, its requests with
 * credentials are refused with 429 and {@code Retry-After} before any password is
 * verified, so that guessing costs the service no BCrypt verifications. Requests without
 * credentials (health, the sign-in page, a signed-in session) pass untouched.
 */
final class SignInThrottle extends OncePerRequestFilter {

	private final ClientRateLimiter failures;

	/**
	 * Creates the filter.
	 * @param failures the failed attempts each address may make per period
	 */
	SignInThrottle(ClientRateLimiter failures) {
		this.failures = failures;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!carriesCredentials(request)) {
			chain.doFilter(request, response);
			return;
		}
		String client = request.getRemoteAddr();
		Duration wait = this.failures.tryAcquire(client, 1);
		if (!wait.isZero()) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds() + 1)));
			ProblemResponses.write(request, response,
					ProblemResponses.problem(HttpStatus.TOO_MANY_REQUESTS, ProblemTypes.TOO_MANY_SIGN_IN_FAILURES,
							"Too many failed sign-ins",
							"Too many failed sign-ins from this address: try again after Retry-After seconds"));
			return;
		}
		boolean authenticated = false;
		try {
			chain.doFilter(request, response);
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			authenticated = authentication != null && authentication.isAuthenticated()
					&& !(authentication instanceof AnonymousAuthenticationToken);
		}
		finally {
			if (authenticated) {
				this.failures.release(client, 1);
			}
		}
	}

	private static boolean carriesCredentials(HttpServletRequest request) {
		return request.getHeader(HttpHeaders.AUTHORIZATION) != null || (HttpMethod.POST.matches(request.getMethod())
				&& SignInEntryPoint.SIGN_IN.equals(request.getServletPath()));
	}

}
