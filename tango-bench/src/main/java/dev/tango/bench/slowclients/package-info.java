/**
 * Slow-client test of a running service: many connections that send their request bodies
 * a byte at a time, and the latency of the valid clients served meanwhile.
 */
@NullMarked
package dev.tango.bench.slowclients;

import org.jspecify.annotations.NullMarked;
