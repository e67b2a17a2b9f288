package dev.tango.bench.load;

/**
 * One measured point: a configuration at a number of clients.
 *
 * @param configuration the service configuration
 * @param clients the concurrent closed-loop clients
 * @param summary what was measured
 */
public record LoadPoint(ServiceConfiguration configuration, int clients, LatencySummary summary) {

}
