package dev.tango.runtime.autoconfigure;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.tango.runtime.remote.EndpointPolicy;

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
 */
@ConfigurationProperties("tango.runtime.remote")
public record RemoteTierProperties(@DefaultValue List<String> internalHosts, boolean requireTls) {

	/**
	 * Returns the endpoint policy these settings describe.
	 * @return the policy
	 */
	public EndpointPolicy endpointPolicy() {
		return new EndpointPolicy(Set.copyOf(this.internalHosts), this.requireTls);
	}

}
