package dev.tango.admin.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tango.admin.job.CurvePoint;
import dev.tango.core.plot.LinePlot;

/**
 * One of the curves a job records, drawn by the core's {@link LinePlot} against its
 * {@code x} (a training run's steps).
 *
 * @param name the series' name, such as {@code loss}
 * @param svg the drawing, an SVG document
 * @param points how many points the curve has
 * @param last the last point
 */
public record SeriesPlot(String name, String svg, int points, CurvePoint last) {

	/**
	 * Draws each curve of a job.
	 * @param curves the points by series, each in increasing {@code x}
	 * @param xLabel the name of the {@code x} axis, such as {@code step}
	 * @return a plot per series that has points, in the same order
	 */
	public static List<SeriesPlot> of(Map<String, List<CurvePoint>> curves, String xLabel) {
		List<SeriesPlot> plots = new ArrayList<>();
		curves.forEach((name, points) -> {
			if (!points.isEmpty()) {
				double[] xs = points.stream().mapToDouble(CurvePoint::x).toArray();
				double[] ys = points.stream().mapToDouble(CurvePoint::y).toArray();
				plots.add(new SeriesPlot(name, LinePlot.svg(name, xLabel, xs, ys), points.size(),
						points.get(points.size() - 1)));
			}
		});
		return plots;
	}

}
