package dev.tango.core.plot;

import java.util.Locale;

/**
 * Draws one quantity against another as a small SVG line chart, both axes spanning the
 * points' range with round ends: the curves of a running job, such as a training run's
 * loss and held-out accuracy against its steps.
 */
public final class LinePlot {

	private static final Svg.Area AREA = new Svg.Area(640, 260, 70, 30, 40, 45);

	private static final String COLOUR = "#1f77b4";

	private LinePlot() {
	}

	/**
	 * Draws a line through points.
	 * @param title the plot's title
	 * @param xLabel the horizontal axis's name, such as {@code step}
	 * @param xs the points' horizontal values, increasing
	 * @param ys the points' values, one per horizontal value
	 * @return the SVG document
	 * @throws IllegalArgumentException without points, or if the arrays differ in length
	 */
	public static String svg(String title, String xLabel, double[] xs, double[] ys) {
		if (xs.length == 0 || xs.length != ys.length) {
			throw new IllegalArgumentException("A line plot needs at least one point and one value per point");
		}
		double[] xAxis = Svg.niceRange(Math.min(0, xs[0]), xs[xs.length - 1]);
		double low = java.util.Arrays.stream(ys).min().orElseThrow();
		double high = java.util.Arrays.stream(ys).max().orElseThrow();
		double[] yAxis = Svg.niceRange(low, high);
		int bottom = AREA.plotBottom();
		Svg.Scale x = new Svg.Scale(xAxis[0], xAxis[1], AREA.left(), AREA.plotRight());
		Svg.Scale y = new Svg.Scale(yAxis[0], yAxis[1], bottom, AREA.top());
		StringBuilder svg = Svg.begin(AREA.width(), AREA.height(), title);
		Svg.border(svg, AREA.left(), AREA.top(), AREA.plotRight(), bottom);
		for (double t = x.min(); t <= x.max() + 1e-9; t += xAxis[2]) {
			Svg.verticalGridLine(svg, x.at(t), AREA.top(), bottom, Svg.trim(t));
		}
		for (double v = y.min(); v <= y.max() + yAxis[2] * 1e-6; v += yAxis[2]) {
			Svg.horizontalGridLine(svg, y.at(v), AREA.left(), AREA.plotRight(), label(v, yAxis[2]), "");
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
				(AREA.left() + AREA.plotRight()) / 2, bottom + 34, Svg.escape(xLabel)));
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < xs.length; i++) {
			points.append(Svg.point(x.at(xs[i]), y.at(ys[i])));
		}
		svg.append(Svg.polyline("line", COLOUR, points));
		return Svg.end(svg);
	}

	/** A tick's label, with as many decimals as the step needs. */
	private static String label(double value, double step) {
		int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step)) + 1);
		return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
	}

}
