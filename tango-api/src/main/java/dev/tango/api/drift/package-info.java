/**
 * Drift watch of the served cascade versions: every answer goes into the sequential tests
 * of {@link dev.tango.core.drift.DriftMonitor} against the reference its version's
 * calibration recorded; the result is published as Prometheus gauges, an Actuator health
 * detail and reports in the registry for the admin.
 */
@NullMarked
package dev.tango.api.drift;

import org.jspecify.annotations.NullMarked;
