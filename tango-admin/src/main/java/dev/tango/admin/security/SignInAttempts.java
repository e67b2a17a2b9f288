package dev.tango.admin.security;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.ApplicationListener;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.tango.web.ratelimit.ClientRateLimiter;

/**
 * The password checks each client address may still make: an allowance of failed sign-ins
 * per address ({@link AdminProperties.SignIn}), from which a request with a password
 * takes one check before it is verified ({@link SignInThrottle}) and to which a
 * successful authentication gives it back at once, while the rest of the request (a body
 * sent slowly, say) still runs. Thread-safe.
 */
final class SignInAttempts implements ApplicationListener<AuthenticationSuccessEvent> {

	/** The request attribute naming the address a request took a check from. */
	static final String TAKEN = SignInAttempts.class.getName() + ".taken";

	private final ClientRateLimiter failures;

	/**
	 * Creates the allowance.
	 * @param signIn how many failures per address and period
	 */
	SignInAttempts(AdminProperties.SignIn signIn) {
		this.failures = new ClientRateLimiter(signIn.failures(), signIn.period(), signIn.maxClients(), signIn.period(),
				System::nanoTime);
	}

	/**
	 * Takes one check for a request, or takes nothing.
	 * @param request the request with a password
	 * @return zero if taken; else how long until its address may be checked again
	 */
	Duration take(HttpServletRequest request) {
		String client = request.getRemoteAddr();
		Duration wait = this.failures.tryAcquire(client, 1);
		if (wait.isZero()) {
			request.setAttribute(TAKEN, client);
		}
		return wait;
	}

	/**
	 * Gives back the check a request took, if it still holds one.
	 * @param request the request
	 */
	void giveBack(HttpServletRequest request) {
		Object client = request.getAttribute(TAKEN);
		if (client != null) {
			request.removeAttribute(TAKEN);
			this.failures.release(client.toString(), 1);
		}
	}

	/**
	 * Gives back the check of the request being served when its credentials prove right.
	 */
	@Override
	public void onApplicationEvent(AuthenticationSuccessEvent event) {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes served) {
			giveBack(served.getRequest());
		}
	}

}
