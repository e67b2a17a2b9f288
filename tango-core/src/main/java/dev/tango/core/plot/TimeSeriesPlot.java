package dev.tango.core.plot;

import java.util.List;
import java.util.Locale;

/**
 * Draws series over time as a small SVG, each relative to its own baseline (100%), so
 * that quantities of different units share one axis: a band around 100% marks the
 * tolerance, dashed vertical lines mark events (such as version swaps) and a shaded area
 * the warm-up.
 */
public final class TimeSeriesPlot {

	private static final Svg.Area AREA = new Svg.Area(760, 420, 70, 30, 40, 75);

	private static final String[] COLOURS = { "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e" };

	private TimeSeriesPlot() {
	}

	/**
	 * One series.
	 *
	 * @param name the legend's text
	 * @param minutes the times of the points, increasing
	 * @param percent the values, in percent of the series' baseline, one per time
	 */
	public record Series(String name, double[] minutes, double[] percent) {

		/**
		 * Checks that there is one value per time.
		 */
		public Series {
			if (minutes.length != percent.length) {
				throw new IllegalArgumentException("A series needs one value per time");
			}
		}

	}

	/**
	 * Draws series.
	 * @param title the plot's title
	 * @param series the series, at most five
	 * @param tolerance the band's half width around 100%, in percent (such as 5)
	 * @param warmupMinutes the end of the warm-up, shaded
	 * @param events the times of events, in minutes
	 * @return the SVG document
	 * @throws IllegalArgumentException if there is no series, more than five or one with
	 * fewer than two points
	 */
	public static String svg(String title, List<Series> series, double tolerance, double warmupMinutes,
			List<Double> events) {
		if (series.isEmpty() || series.size() > COLOURS.length
				|| series.stream().anyMatch((s) -> s.minutes().length < 2)) {
			throw new IllegalArgumentException("Plots show one to five series of at least two points each");
		}
		double end = series.stream().mapToDouble((s) -> s.minutes()[s.minutes().length - 1]).max().orElse(1);
		double[] xAxis = Svg.niceRange(0, end);
		double low = Math.min(100 - 2 * tolerance,
				series.stream().flatMapToDouble((s) -> java.util.Arrays.stream(s.percent())).min().orElse(100));
		double high = Math.max(100 + 2 * tolerance,
				series.stream().flatMapToDouble((s) -> java.util.Arrays.stream(s.percent())).max().orElse(100));
		double[] yAxis = Svg.niceRange(low, high);
		int bottom = AREA.plotBottom();
		Svg.Scale x = new Svg.Scale(xAxis[0], xAxis[1], AREA.left(), AREA.plotRight());
		Svg.Scale y = new Svg.Scale(yAxis[0], yAxis[1], bottom, AREA.top());
		StringBuilder svg = Svg.begin(AREA.width(), AREA.height(), title);
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f2f2f2\"/>%n", AREA.left(), AREA.top(),
				x.at(Math.min(warmupMinutes, x.max())) - AREA.left(), bottom - AREA.top()));
		double bandTop = y.at(100 + tolerance);
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#e8f4e8\"/>%n", AREA.left(), bandTop,
				AREA.plotRight() - AREA.left(), y.at(100 - tolerance) - bandTop));
		axes(svg, x, y, xAxis[2], yAxis[2]);
		for (double event : events) {
			double eventX = x.at(event);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4,4\"/>%n",
					eventX, AREA.top(), eventX, bottom));
		}
		for (int i = 0; i < series.size(); i++) {
			Series s = series.get(i);
			StringBuilder points = new StringBuilder();
			for (int k = 0; k < s.minutes().length; k++) {
				points.append(Svg.point(x.at(s.minutes()[k]), y.at(s.percent()[k])));
			}
			svg.append(Svg.polyline("series-" + (i + 1), COLOURS[i], points));
			Svg.legendEntry(svg, AREA.left() + 10 + (i % 3) * 230, AREA.height() - 30 + (i / 3) * 16, COLOURS[i],
					s.name());
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">shaded: warm-up; green: 100%% &#177; %s%%; "
						+ "dashed: events</text>%n",
				AREA.plotRight(), AREA.top() - 6, Svg.trim(tolerance)));
		return Svg.end(svg);
	}

	private static void axes(StringBuilder svg, Svg.Scale x, Svg.Scale y, double xStep, double yStep) {
		int bottom = AREA.plotBottom();
		Svg.border(svg, AREA.left(), AREA.top(), AREA.plotRight(), bottom);
		for (double t = x.min(); t <= x.max() + 1e-9; t += xStep) {
			Svg.verticalGridLine(svg, x.at(t), AREA.top(), bottom, Svg.trim(t));
		}
		for (double v = y.min(); v <= y.max() + 1e-9; v += yStep) {
			Svg.horizontalGridLine(svg, y.at(v), AREA.left(), AREA.plotRight(), Svg.trim(v) + "%", "");
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes</text>%n",
				(AREA.left() + AREA.plotRight()) / 2, bottom + 34));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">of baseline</text>%n",
				(AREA.top() + bottom) / 2));
	}

}
