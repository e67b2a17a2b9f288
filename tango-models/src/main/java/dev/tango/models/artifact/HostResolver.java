package dev.tango.models.artifact;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves a host name to its addresses. The default asks the system resolver; tests may
 * map names of their own to local addresses.
 */
@FunctionalInterface
public interface HostResolver {

	/** The system resolver. */
	HostResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	/**
	 * Resolves a host name.
	 * @param host a host name, lower case, never an address literal
	 * @return the addresses, never empty
	 * @throws UnknownHostException if the name does not resolve
	 */
	List<InetAddress> resolve(String host) throws UnknownHostException;

}
