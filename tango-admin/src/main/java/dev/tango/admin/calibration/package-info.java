/**
 * Calibration of registered cascade versions: the calibrate job scores every tier once on
 * a labelled data set, measures each tier's cost on this host, sweeps thresholds, lets a
 * policy choose, reports on rows the choice did not see (cross-fitted, or on a held-out
 * part), and registers a new cascade version with its calibration.
 */
@NullMarked
package dev.tango.admin.calibration;

import org.jspecify.annotations.NullMarked;
