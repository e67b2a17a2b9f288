/**
 * Calibration of registered cascade versions: the calibrate job splits a labelled data
 * set, scores every tier once, measures each tier's cost on this host, sweeps thresholds,
 * lets a policy choose, reports on the held-out part, and registers a new cascade version
 * with its calibration.
 */
@NullMarked
package dev.tango.admin.calibration;

import org.jspecify.annotations.NullMarked;
