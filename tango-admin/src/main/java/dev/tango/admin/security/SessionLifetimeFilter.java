package dev.tango.admin.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a sign-in session that has outlived its absolute lifetime, however busy it was:
 * signing in on the sign-in page records the time in the session
 * ({@link #startingTheLifetime}), and a request whose session is older than the lifetime
 * finds it invalidated and goes on unauthenticated, as if it had come without the cookie.
 * Its credentials, if it sends any, are checked after this filter as ever; a browser
 * opening a page is then sent to sign in again, anything else answered 401
 * ({@link SignInEntryPoint}). Runs right after the security context's filter, before
 * anything reads the session's authentication. Sessions without a recorded sign-in (a
 * page remembered before signing in) are left alone. Thread-safe.
 */
final class SessionLifetimeFilter extends OncePerRequestFilter {

	/** The session attribute holding the {@link Instant} of the sign-in. */
	static final String SIGNED_IN_AT = SessionLifetimeFilter.class.getName() + ".SIGNED_IN_AT";

	/**
	 * The request attribute set ({@code true}) on a request whose session this filter
	 * ended.
	 */
	static final String ENDED = SessionLifetimeFilter.class.getName() + ".ENDED";

	private final Duration lifetime;

	private final InstantSource clock;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	/**
	 * Creates the filter.
	 * @param lifetime the longest a session lasts from its sign-in, positive
	 * @param clock the time
	 */
	SessionLifetimeFilter(Duration lifetime, InstantSource clock) {
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * Records the sign-in's time in its session, then lets another handler answer.
	 * @param then what answers a successful sign-in
	 * @param clock the time
	 * @return the handler
	 */
	static AuthenticationSuccessHandler startingTheLifetime(AuthenticationSuccessHandler then, InstantSource clock) {
		return (request, response, authentication) -> {
			request.getSession().setAttribute(SIGNED_IN_AT, clock.instant());
			then.onAuthenticationSuccess(request, response, authentication);
		};
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		HttpSession session = request.getSession(false);
		if (session != null && endedNow(session)) {
			this.contexts.setContext(this.contexts.createEmptyContext());
			request.setAttribute(ENDED, true);
		}
		chain.doFilter(request, response);
	}

	/**
	 * Invalidates a session past its lifetime.
	 * @return whether it was
	 */
	private boolean endedNow(HttpSession session) {
		try {
			if (session.getAttribute(SIGNED_IN_AT) instanceof Instant signedIn
					&& !this.clock.instant().isBefore(signedIn.plus(this.lifetime))) {
				session.invalidate();
				return true;
			}
			return false;
		}
		catch (IllegalStateException ex) {
			// invalidated meanwhile (the idle timeout, another request signing out)
			return false;
		}
	}

}
