package dev.tango.bench.plot;

import java.util.List;
import java.util.Locale;

/**
 * Draws series over time as a small SVG, each relative to its own baseline (100%), so
 * that quantities of different units share one axis: a band around 100% marks the
 * tolerance, dashed vertical lines mark events (such as version swaps) and a shaded area
 * the warm-up.
 */
public final class TimeSeriesPlot {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 420;

	private static final int LEFT = 70;

	private static final int RIGHT = 30;

	private static final int TOP = 40;

	private static final int BOTTOM = 75;

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
		double[] xAxis = CurvePlot.niceRange(0, end);
		double low = Math.min(100 - 2 * tolerance,
				series.stream().flatMapToDouble((s) -> java.util.Arrays.stream(s.percent())).min().orElse(100));
		double high = Math.max(100 + 2 * tolerance,
				series.stream().flatMapToDouble((s) -> java.util.Arrays.stream(s.percent())).max().orElse(100));
		double[] yAxis = CurvePlot.niceRange(low, high);
		Frame frame = new Frame(xAxis[0], xAxis[1], yAxis[0], yAxis[1]);
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">%s</text>%n", WIDTH / 2,
				CurvePlot.escape(title)));
		int bottom = HEIGHT - BOTTOM;
		svg.append(
				String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#f2f2f2\"/>%n",
						LEFT, TOP, frame.x(Math.min(warmupMinutes, frame.xMax)) - LEFT, bottom - TOP));
		double bandTop = frame.y(100 + tolerance);
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"#e8f4e8\"/>%n", LEFT, bandTop,
				WIDTH - LEFT - RIGHT, frame.y(100 - tolerance) - bandTop));
		axes(svg, frame, xAxis[2], yAxis[2]);
		for (double event : events) {
			double x = frame.x(event);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\" stroke-dasharray=\"4,4\"/>%n", x,
					TOP, x, bottom));
		}
		for (int i = 0; i < series.size(); i++) {
			Series s = series.get(i);
			StringBuilder points = new StringBuilder();
			for (int k = 0; k < s.minutes().length; k++) {
				points
					.append(String.format(Locale.ROOT, "%.1f,%.1f ", frame.x(s.minutes()[k]), frame.y(s.percent()[k])));
			}
			svg.append(String.format(Locale.ROOT,
					"<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", COLOURS[i],
					points.toString().trim()));
			int x = LEFT + 10 + (i % 3) * 230;
			int y = HEIGHT - 30 + (i / 3) * 16;
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
							+ "<text x=\"%d\" y=\"%d\">%s</text>%n",
					x, y, x + 24, y, COLOURS[i], x + 30, y + 4, CurvePlot.escape(s.name())));
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\">shaded: warm-up; green: 100%% &#177; %s%%; "
						+ "dashed: events</text>%n",
				WIDTH - RIGHT, TOP - 6, CurvePlot.trim(tolerance)));
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void axes(StringBuilder svg, Frame frame, double xStep, double yStep) {
		int bottom = HEIGHT - BOTTOM;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT, TOP,
				WIDTH - LEFT - RIGHT, bottom - TOP));
		for (double t = frame.xMin; t <= frame.xMax + 1e-9; t += xStep) {
			double x = frame.x(t);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
							+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
					x, TOP, x, bottom, x, bottom + 16, CurvePlot.trim(t)));
		}
		for (double v = frame.yMin; v <= frame.yMax + 1e-9; v += yStep) {
			double y = frame.y(v);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
							+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%%</text>%n",
					LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, CurvePlot.trim(v)));
		}
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">minutes</text>%n",
				(LEFT + WIDTH - RIGHT) / 2, bottom + 34));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\">of baseline</text>%n",
				(TOP + bottom) / 2));
	}

	/** Maps data to the plot area. */
	private record Frame(double xMin, double xMax, double yMin, double yMax) {

		double x(double minutes) {
			return LEFT + (minutes - this.xMin) / (this.xMax - this.xMin) * (WIDTH - LEFT - RIGHT);
		}

		double y(double percent) {
			return HEIGHT - BOTTOM - (percent - this.yMin) / (this.yMax - this.yMin) * (HEIGHT - BOTTOM - TOP);
		}

	}

}
