/**
 * Calibrating and evaluating cascades on labelled sets: running every tier over the set,
 * measuring costs, sweeping thresholds, choosing them, and reporting.
 */
@NullMarked
package dev.tango.bench.calibrate;

import org.jspecify.annotations.NullMarked;
