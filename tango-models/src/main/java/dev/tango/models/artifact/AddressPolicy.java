package dev.tango.models.artifact;

import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

import dev.tango.models.artifact.ArtifactException.Reason;
import dev.tango.runtime.artifact.PublicAddresses;

/**
 * Decides whether Tango may connect to an address that a host of an artifact URI resolved
 * to (or that the URI names literally). Checked after DNS resolution and again for every
 * redirect.
 */
@FunctionalInterface
public interface AddressPolicy {

	/**
	 * Public unicast addresses only: refuses loopback, link-local, cloud metadata,
	 * private, unique-local, multicast, broadcast, unspecified and reserved ranges,
	 * including IPv4 addresses embedded in IPv6 ones (mapped, compatible, NAT64, 6to4).
	 */
	AddressPolicy PUBLIC_ONLY = (host, address) -> reason(PublicAddresses.classify(address));

	/**
	 * Checks one address.
	 * @param host the host name (or literal) the address belongs to
	 * @param address the address
	 * @return {@code null} if the address may be used, otherwise why not
	 */
	@Nullable Reason check(String host, InetAddress address);

	/**
	 * Returns the refusal reason of an address class.
	 * @param nonPublic the class, or {@code null} for a public address
	 * @return the reason, or {@code null}
	 */
	static @Nullable Reason reason(PublicAddresses.@Nullable NonPublic nonPublic) {
		if (nonPublic == null) {
			return null;
		}
		return switch (nonPublic) {
			case UNSPECIFIED -> Reason.UNSPECIFIED_ADDRESS;
			case LOOPBACK -> Reason.LOOPBACK_ADDRESS;
			case METADATA -> Reason.METADATA_ADDRESS;
			case LINK_LOCAL -> Reason.LINK_LOCAL_ADDRESS;
			case PRIVATE -> Reason.PRIVATE_ADDRESS;
			case UNIQUE_LOCAL -> Reason.UNIQUE_LOCAL_ADDRESS;
			case MULTICAST -> Reason.MULTICAST_ADDRESS;
			case RESERVED -> Reason.RESERVED_ADDRESS;
		};
	}

}
