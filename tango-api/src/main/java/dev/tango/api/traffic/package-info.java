/**
 * Traffic reports: each served cascade version's counters (requests, answered inputs,
 * inputs per tier, failures, refusals), its rate and its latency percentiles, read from
 * the serving meters and written to the registry for the admin.
 */
@NullMarked
package dev.tango.api.traffic;

import org.jspecify.annotations.NullMarked;
