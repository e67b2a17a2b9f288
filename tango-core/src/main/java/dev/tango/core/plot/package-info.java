/**
 * Plots as SVG text: the threshold curve of a calibration ({@link CurvePlot}, drawn from
 * the core's {@link dev.tango.core.calibration.ThresholdCurve}) and series over time
 * ({@link TimeSeriesPlot}), both built from the same {@link Svg} pieces.
 *
 * <p>
 * They live in the core because both doors draw them: the admin page embeds the curve of
 * a recorded calibration, the bench's {@code plot} and {@code soak} write SVG files.
 * Drawing is string building with the JDK alone, no dependency and no I/O, so it keeps
 * the core's rule (JDK and JSpecify only) and is tested here once.
 */
@NullMarked
package dev.tango.core.plot;

import org.jspecify.annotations.NullMarked;
