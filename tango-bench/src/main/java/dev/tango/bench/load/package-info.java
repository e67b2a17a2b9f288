/**
 * Load test of the classification service: the service jar as a child process,
 * closed-loop HTTP clients, throughput and latency percentiles, and the offline engine
 * for reference.
 */
@NullMarked
package dev.tango.bench.load;

import org.jspecify.annotations.NullMarked;
