package dev.tango.api.web;

/**
 * Tells whether the client of a request that waits for its answer has closed its
 * connection. Servlet containers notice a closed HTTP/1.1 connection only when they read
 * or write it, and nothing is read or written while a request waits; a probe looks
 * without blocking, as a reverse proxy does, so that the request's queued work can be
 * dropped. Containers that can be probed put one in the request attribute
 * {@link #ATTRIBUTE}.
 *
 * <p>
 * A probe is called from one thread at a time, and never once the response is being
 * written.
 */
@FunctionalInterface
public interface ConnectionProbe {

	/** The request attribute that holds the probe of the request's connection. */
	String ATTRIBUTE = ConnectionProbe.class.getName();

	/**
	 * Looks, without blocking, whether the client has closed the connection.
	 * @return {@code true} if it has (the end of its stream was read)
	 */
	boolean clientGone();

}
