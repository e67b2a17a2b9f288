package dev.tango.admin.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tango.admin.job.CurvePoint;

/**
 * One of the curves a job draws, as SVG: its points against {@code x} (a training run's
 * steps), the value axis spanning the points' range. Laid out as {@link CurvePlot} is.
 *
 * @param name the series' name, such as {@code loss}
 * @param width the drawing's width in user units
 * @param height the drawing's height in user units
 * @param line the points as SVG polyline points
 * @param xTicks the {@code x} axis's ticks
 * @param yTicks the value axis's ticks
 * @param points how many points the curve has
 * @param last the last point
 */
public record SeriesPlot(String name, int width, int height, String line, List<CurvePlot.Tick> xTicks,
		List<CurvePlot.Tick> yTicks, int points, CurvePoint last) {

	private static final int WIDTH = 640;

	private static final int HEIGHT = 240;

	/**
	 * Draws each curve of a job.
	 * @param curves the points by series, each in increasing {@code x}
	 * @return a plot per series that has points, in the same order
	 */
	public static List<SeriesPlot> of(Map<String, List<CurvePoint>> curves) {
		List<SeriesPlot> plots = new ArrayList<>();
		curves.forEach((name, points) -> {
			if (!points.isEmpty()) {
				plots.add(of(name, points));
			}
		});
		return plots;
	}

	static SeriesPlot of(String name, List<CurvePoint> points) {
		long first = Math.min(0, points.get(0).x());
		long end = Math.max(first + 1, points.get(points.size() - 1).x());
		double low = points.stream().mapToDouble(CurvePoint::y).min().orElseThrow();
		double high = points.stream().mapToDouble(CurvePoint::y).max().orElseThrow();
		double bottom = Math.min(0, low);
		double top = (high > bottom) ? high : bottom + 1;
		StringBuilder line = new StringBuilder();
		for (CurvePoint point : points) {
			line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x((double) (point.x() - first) / (end - first)),
					y((point.y() - bottom) / (top - bottom))));
		}
		List<CurvePlot.Tick> xTicks = new ArrayList<>();
		List<CurvePlot.Tick> yTicks = new ArrayList<>();
		for (int i = 0; i <= 4; i++) {
			double share = i / 4.0;
			xTicks.add(new CurvePlot.Tick(x(share), Long.toString(Math.round(first + share * (end - first)))));
			yTicks
				.add(new CurvePlot.Tick(y(share), String.format(Locale.ROOT, "%.3g", bottom + share * (top - bottom))));
		}
		return new SeriesPlot(name, WIDTH, HEIGHT, line.toString().trim(), xTicks, yTicks, points.size(),
				points.get(points.size() - 1));
	}

	/** The left of the plot area. */
	public int left() {
		return CurvePlot.LEFT;
	}

	/** The top of the plot area. */
	public int top() {
		return CurvePlot.TOP;
	}

	/** The bottom of the plot area. */
	public int plotBottom() {
		return HEIGHT - CurvePlot.BOTTOM;
	}

	/** The right of the plot area. */
	public int plotRight() {
		return WIDTH - CurvePlot.RIGHT;
	}

	private static double x(double share) {
		return CurvePlot.LEFT + share * (WIDTH - CurvePlot.LEFT - CurvePlot.RIGHT);
	}

	private static double y(double share) {
		return HEIGHT - CurvePlot.BOTTOM - share * (HEIGHT - CurvePlot.TOP - CurvePlot.BOTTOM);
	}

}
