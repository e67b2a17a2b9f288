package dev.tango.runtime.remote;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.tango.runtime.artifact.PublicAddresses;

/**
 * Which model endpoints a remote tier may call: {@code https} URIs of hosts whose every
 * address is public, or {@code http}/{@code https} URIs of the hosts an operator lists as
 * internal (a Triton or KServe inside the cluster). An endpoint is
 * {@code scheme://host[:port]/v2/models/NAME[/versions/VERSION]}, without user
 * information, query or fragment. Loopback, private, link-local (cloud metadata),
 * unique-local, carrier-grade NAT, multicast and unspecified addresses are refused unless
 * the host is listed. When TLS is required, plain {@code http} is refused for every host,
 * listed or not. Immutable and thread-safe.
 *
 * @param internalHosts the host names (or address literals) that may resolve to
 * non-public addresses and, unless TLS is required, may be called over plain
 * {@code http}; compared without case
 * @param requireTls whether every endpoint must be {@code https}, internal hosts included
 */
public record EndpointPolicy(Set<String> internalHosts, boolean requireTls) {

	/** The policy without internal hosts: public {@code https} endpoints only. */
	public static final EndpointPolicy PUBLIC_ONLY = new EndpointPolicy(Set.of());

	/** The setting that makes every remote tier use TLS, named in refusals. */
	public static final String REQUIRE_TLS_SETTING = "tango.runtime.remote.require-tls";

	/**
	 * The setting that lists the internal hosts, named in refusals so that an operator
	 * knows what to change.
	 */
	public static final String INTERNAL_HOSTS_SETTING = "tango.runtime.remote.internal-hosts";

	private static final Pattern MODEL_PATH = Pattern
		.compile("/v2/models/[A-Za-z0-9][A-Za-z0-9._-]{0,127}(/versions/[A-Za-z0-9][A-Za-z0-9._-]{0,63})?");

	public EndpointPolicy {
		internalHosts = internalHosts.stream().map(EndpointPolicy::canonical).collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Creates a policy that lets the internal hosts be called over plain {@code http}.
	 * @param internalHosts the internal hosts
	 */
	public EndpointPolicy(Set<String> internalHosts) {
		this(internalHosts, false);
	}

	/**
	 * Checks an endpoint and every address its host resolves to now.
	 * @param endpoint the endpoint URI, as the spec gives it
	 * @return the endpoint
	 * @throws IllegalArgumentException saying why the endpoint is refused
	 * @throws UnknownHostException if the host does not resolve
	 */
	public URI check(String endpoint) throws UnknownHostException {
		URI uri = parse(endpoint);
		String host = canonical(uri.getHost());
		boolean internal = this.internalHosts.contains(host);
		boolean plain = "http".equalsIgnoreCase(uri.getScheme());
		if (plain && this.requireTls) {
			throw new IllegalArgumentException("Endpoint " + endpoint + " uses plain http, and " + REQUIRE_TLS_SETTING
					+ " is on: use https (with a tlsBundle option if the server's certificate is not publicly trusted)");
		}
		if (plain && !internal) {
			throw new IllegalArgumentException("Endpoint " + endpoint + " uses plain http, allowed only to hosts "
					+ "listed in " + INTERNAL_HOSTS_SETTING + ": use https, or list the host " + uri.getHost());
		}
		if (!internal) {
			for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
				String reason = nonPublic(address);
				if (reason != null) {
					throw new IllegalArgumentException("Endpoint " + endpoint + ": host " + uri.getHost()
							+ " resolves to " + address.getHostAddress() + ", " + reason + "; list the host in "
							+ INTERNAL_HOSTS_SETTING + " to allow it");
				}
			}
		}
		return uri;
	}

	private static URI parse(String endpoint) {
		URI uri;
		try {
			uri = new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("Endpoint " + endpoint + " is not a URI: " + ex.getReason(), ex);
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new IllegalArgumentException(
					"Endpoint " + endpoint + " must be an https (or, to an internal host, " + "http) URI");
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
				|| uri.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"Endpoint " + endpoint + " must name a host, without user information, query or fragment");
		}
		if (uri.getRawPath() == null || !MODEL_PATH.matcher(uri.getRawPath()).matches()) {
			throw new IllegalArgumentException(
					"Endpoint " + endpoint + " must have the path /v2/models/NAME or /v2/models/NAME/versions/VERSION");
		}
		return uri.normalize();
	}

	/**
	 * Says why an address is not public, by the rule every outgoing connection follows
	 * ({@link PublicAddresses}).
	 * @param address the address
	 * @return the reason in words, or {@code null} for a public unicast address
	 */
	static @Nullable String nonPublic(InetAddress address) {
		PublicAddresses.NonPublic nonPublic = PublicAddresses.classify(address);
		return (nonPublic != null) ? nonPublic.description() : null;
	}

	static String canonical(String host) {
		String lower = host.toLowerCase(Locale.ROOT);
		return (lower.startsWith("[") && lower.endsWith("]")) ? lower.substring(1, lower.length() - 1) : lower;
	}

}
