package dev.tango.runtime.remote;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The secrets that remote tiers may send in their {@code authHeader}, each only to the
 * hosts the operator declared it for. A tier names a secret (option {@code authEnv}) and
 * never holds it; since whoever may register a model chooses the name and the endpoint, a
 * secret that is not declared for the endpoint's host is refused, so that a model cannot
 * make a tier send the service's other settings (its database password, its API keys)
 * anywhere.
 */
@FunctionalInterface
public interface RemoteSecrets {

	/** No secrets: a tier that names one does not open. */
	RemoteSecrets NONE = declared(Map.of(), (name) -> null);

	/**
	 * Returns the value of a secret for a tier's endpoint.
	 * @param name the secret's name, as the tier's {@code authEnv} option gives it
	 * @param endpoint the endpoint the tier calls
	 * @return the value, not blank
	 * @throws IllegalArgumentException if no secret of that name is declared for the
	 * endpoint's host, or it has no value
	 */
	String value(String name, URI endpoint);

	/**
	 * Returns the secrets an operator declared.
	 * @param hostsByName the names of the secrets that tiers may send, each with the host
	 * names (or address literals) it may be sent to
	 * @param lookup the value of a secret by name (such as an environment variable), or
	 * {@code null} if it has none
	 * @return the secrets
	 */
	static RemoteSecrets declared(Map<String, Set<String>> hostsByName, UnaryOperator<@Nullable String> lookup) {
		Map<String, Set<String>> declared = new TreeMap<>();
		hostsByName.forEach((name, hosts) -> declared.put(name,
				hosts.stream().map(EndpointPolicy::canonical).collect(Collectors.toUnmodifiableSet())));
		return (name, endpoint) -> {
			Set<String> hosts = declared.get(name);
			if (hosts == null) {
				throw new IllegalArgumentException("Secret '" + name + "' (option authEnv) is not declared: declare it "
						+ "with the hosts it may be sent to in tango.runtime.remote.secrets"
						+ (declared.isEmpty() ? "" : " (declared: " + declared.keySet() + ")"));
			}
			String host = (endpoint.getHost() != null) ? EndpointPolicy.canonical(endpoint.getHost()) : "";
			if (!hosts.contains(host)) {
				throw new IllegalArgumentException("Secret '" + name + "' (option authEnv) may not be sent to " + host
						+ ": list the host among the secret's hosts in tango.runtime.remote.secrets");
			}
			String value = lookup.apply(name);
			if (value == null || value.isBlank()) {
				throw new IllegalArgumentException("Secret '" + name + "' (option authEnv) is not set");
			}
			return value;
		};
	}

}
