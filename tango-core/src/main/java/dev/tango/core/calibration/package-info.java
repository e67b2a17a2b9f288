/**
 * Calibration maths: threshold curves from labelled predictions, cost models and the
 * policies that choose thresholds.
 */
@NullMarked
package dev.tango.core.calibration;

import org.jspecify.annotations.NullMarked;
