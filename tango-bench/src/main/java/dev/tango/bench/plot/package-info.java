/**
 * The {@code plot} command: a curve file written by {@code calibrate}, drawn by the
 * core's {@link dev.tango.core.plot.CurvePlot}, as the admin page draws a recorded
 * calibration.
 */
@NullMarked
package dev.tango.bench.plot;

import org.jspecify.annotations.NullMarked;
