package dev.tango.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * What names a running Tango service process among its peers: the services build the
 * identity they write into the registry's database (a serving instance's reports, a job
 * worker's leases) from these parts.
 */
public final class ServiceInstance {

	/** The host name used where the local host's name cannot be resolved. */
	public static final String UNKNOWN_HOST = "unknown-host";

	private ServiceInstance() {
	}

	/**
	 * Returns the name of the host this process runs on.
	 * @return the local host's name, or {@value #UNKNOWN_HOST} where it cannot be
	 * resolved
	 */
	public static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return UNKNOWN_HOST;
		}
	}

	/**
	 * Returns the operating system's id of this process.
	 * @return the process id
	 */
	public static long processId() {
		return ProcessHandle.current().pid();
	}

}
