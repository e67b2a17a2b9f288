/**
 * A load of slow clients and a measure of the clients served meanwhile, in plain Java
 * (sockets and {@code java.net.http}): the probe behind the bench's {@code slow-clients}
 * command and, through the scenario in this module's test jar, the services' slow-client
 * tests. Nothing in it runs inside a service.
 */
@NullMarked
package dev.tango.web.slowclients;

import org.jspecify.annotations.NullMarked;
