package dev.tango.api.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the client that sent a request, for limits kept per client: the authenticated
 * principal ({@code principal:<name>}) if there is one, else the API key it was let in
 * with when keys are required ({@code key:<n>}, the key's place in
 * {@code tango.api.auth.keys} from 1, never the key itself), else its address as the
 * service sees it ({@code address:<ip>}: the forwarded client address when the service
 * trusts forwarded headers, {@code server.forward-headers-strategy}, else the peer's).
 */
public final class Clients {

	private static final String KEY_ATTRIBUTE = Clients.class.getName() + ".key";

	private Clients() {
	}

	/**
	 * Names the client of a request.
	 * @param request the request
	 * @return the client's name, never empty
	 */
	public static String of(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		if (principal != null && principal.getName() != null && !principal.getName().isEmpty()) {
			return "principal:" + principal.getName();
		}
		if (request.getAttribute(KEY_ATTRIBUTE) instanceof Integer key) {
			return "key:" + key;
		}
		return "address:" + request.getRemoteAddr();
	}

	/**
	 * Records the API key a request was let in with.
	 * @param request the request
	 * @param key the key's place in the accepted keys, from 1
	 */
	static void letInWithKey(HttpServletRequest request, int key) {
		request.setAttribute(KEY_ATTRIBUTE, key);
	}

}
