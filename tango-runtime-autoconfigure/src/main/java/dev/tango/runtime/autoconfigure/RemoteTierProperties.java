package dev.tango.runtime.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tango.runtime.remote.EndpointPolicy;
import dev.tango.runtime.remote.RemoteSecrets;

/**
 * Settings of remote ({@code remote-oip}) tiers.
 *
 * @param internalHosts host names (or address literals) that remote tiers may call
 * although they resolve to private, loopback or other non-public addresses, and may call
 * over plain {@code http}: an inference server inside the cluster, such as
 * {@code triton.inference.svc.cluster.local}. Empty by default: public {@code https}
 * endpoints only
 * @param requireTls whether every remote tier must call an {@code https} endpoint,
 * internal hosts included: plain {@code http} endpoints are then refused when a model is
 * registered and when a version loads. Off by default
 * @param secrets the secrets remote tiers may send (option {@code authEnv}), each with
 * the hosts it may be sent to; a secret's value is the environment variable (or property)
 * of its name. Empty by default: no tier sends a secret
 */
@ConfigurationProperties("tango.runtime.remote")
public record RemoteTierProperties(@DefaultValue List<String> internalHosts, boolean requireTls,
		@DefaultValue List<Secret> secrets) {

	/**
	 * Returns the endpoint policy these settings describe.
	 * @return the policy
	 */
	public EndpointPolicy endpointPolicy() {
		return new EndpointPolicy(Set.copyOf(this.internalHosts), this.requireTls);
	}

	/**
	 * Returns the secrets these settings declare.
	 * @param lookup the value of a secret by name, or {@code null}
	 * @return the secrets
	 * @throws IllegalArgumentException if a secret is declared twice
	 */
	public RemoteSecrets remoteSecrets(UnaryOperator<@Nullable String> lookup) {
		Map<String, Set<String>> hostsByName = new LinkedHashMap<>();
		for (Secret secret : this.secrets) {
			if (hostsByName.put(secret.name(), Set.copyOf(secret.hosts())) != null) {
				throw new IllegalArgumentException("tango.runtime.remote.secrets declares " + secret.name()
						+ " twice: list all its hosts in one entry");
			}
		}
		return RemoteSecrets.declared(hostsByName, lookup);
	}

	/**
	 * A secret that remote tiers may send.
	 *
	 * @param name the name tiers give in their {@code authEnv} option, and of the
	 * environment variable (or property) that holds the value
	 * @param hosts the host names (or address literals) of the endpoints it may be sent
	 * to
	 */
	public record Secret(String name, @DefaultValue List<String> hosts) {

	}

}
