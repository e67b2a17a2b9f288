package dev.tango.bench.plot;

import java.util.List;
import java.util.Locale;

import dev.tango.bench.calibrate.CurveFile;

/**
 * Draws the threshold curve of a two-tier cascade as a small SVG: the cascade's accuracy
 * (left axis) and its estimated speedup against the last tier alone (right axis) against
 * the first tier's threshold, the last tier's accuracy as a dotted reference and the
 * chosen threshold as a dashed line.
 */
public final class CurvePlot {

	private static final int WIDTH = 720;

	private static final int HEIGHT = 400;

	private static final int LEFT = 70;

	private static final int RIGHT = 70;

	private static final int TOP = 40;

	private static final int BOTTOM = 55;

	private static final String ACCURACY_COLOUR = "#1f77b4";

	private static final String SPEEDUP_COLOUR = "#d62728";

	private CurvePlot() {
	}

	/**
	 * Draws a curve.
	 * @param rows the curve of a two-tier cascade, in increasing order of threshold
	 * @param title the plot's title
	 * @return the SVG document
	 * @throws IllegalArgumentException if the curve is not of two tiers or has fewer than
	 * two points
	 */
	public static String svg(List<CurveFile.Row> rows, String title) {
		if (rows.size() < 2 || rows.get(0).thresholds().size() != 1) {
			throw new IllegalArgumentException("Plots show the curve of a two-tier cascade, of at least two points");
		}
		double xMin = Math.floor(
				20 * rows.stream().mapToDouble((r) -> r.thresholds().get(0)).filter((t) -> t > 0).min().orElse(0)) / 20;
		double last = rows.get(0).lastTierAccuracy();
		double accMin = Math.min(last, rows.stream().mapToDouble(CurveFile.Row::accuracy).min().orElse(0));
		double accMax = Math.max(last, rows.stream().mapToDouble(CurveFile.Row::accuracy).max().orElse(1));
		double[] accAxis = niceRange(100 * accMin, 100 * accMax);
		double speedMax = rows.stream().mapToDouble(CurveFile.Row::speedup).max().orElse(1);
		double[] speedAxis = niceRange(0, speedMax);
		Frame frame = new Frame(xMin, 1, accAxis[0], accAxis[1], speedAxis[0], speedAxis[1]);
		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
						+ "font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, HEIGHT));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">%s</text>%n", WIDTH / 2,
				escape(title)));
		axes(svg, frame, accAxis[2], speedAxis[2]);
		double lastY = frame.accuracyY(100 * last);
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2,3\"/>%n", LEFT,
				lastY, WIDTH - RIGHT, lastY, ACCURACY_COLOUR));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">last tier alone %.2f%%</text>%n",
				LEFT + 6, lastY - 5, ACCURACY_COLOUR, 100 * last));
		svg.append(polyline(rows, frame, true));
		svg.append(polyline(rows, frame, false));
		for (CurveFile.Row row : rows) {
			if (row.chosen()) {
				double x = frame.x(row.thresholds().get(0));
				svg.append(String.format(Locale.ROOT,
						"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-dasharray=\"6,4\"/>%n",
						x, TOP, x, HEIGHT - BOTTOM));
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">chosen %.4f: %.2f%%, %.2fx</text>%n", x - 4,
						TOP + 14, row.thresholds().get(0), 100 * row.accuracy(), row.speedup()));
			}
		}
		legend(svg);
		svg.append("</svg>\n");
		return svg.toString();
	}

	private static void axes(StringBuilder svg, Frame frame, double accStep, double speedStep) {
		int bottom = HEIGHT - BOTTOM;
		svg.append(String.format(Locale.ROOT,
				"<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n", LEFT, TOP,
				WIDTH - LEFT - RIGHT, bottom - TOP));
		for (double t = frame.xMin; t <= 1 + 1e-9; t += 0.05) {
			double x = frame.x(t);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
							+ "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.2f</text>%n",
					x, TOP, x, bottom, x, bottom + 16, t));
		}
		for (double a = frame.accMin; a <= frame.accMax + 1e-9; a += accStep) {
			double y = frame.accuracyY(a);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
							+ "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"%s\">%s%%</text>%n",
					LEFT, y, WIDTH - RIGHT, y, LEFT - 6, y + 4, ACCURACY_COLOUR, trim(a)));
		}
		for (double s = frame.speedMin; s <= frame.speedMax + 1e-9; s += speedStep) {
			double y = frame.speedupY(s);
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%sx</text>%n",
					WIDTH - RIGHT + 6, y + 4, SPEEDUP_COLOUR, trim(s)));
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">threshold of tier 1 (confidence at or above it: "
						+ "tier 1 answers)</text>%n",
				(LEFT + WIDTH - RIGHT) / 2, HEIGHT - 14));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\" fill=\"%s\">accuracy</text>%n",
				(TOP + bottom) / 2, ACCURACY_COLOUR));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(%d,%d) rotate(90)\" text-anchor=\"middle\" fill=\"%s\">"
						+ "estimated speedup</text>%n",
				WIDTH - 18, (TOP + bottom) / 2, SPEEDUP_COLOUR));
	}

	private static String polyline(List<CurveFile.Row> rows, Frame frame, boolean accuracy) {
		StringBuilder points = new StringBuilder();
		for (CurveFile.Row row : rows) {
			double t = row.thresholds().get(0);
			if (t < frame.xMin) {
				continue;
			}
			double y = accuracy ? frame.accuracyY(100 * row.accuracy()) : frame.speedupY(row.speedup());
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", frame.x(t), y));
		}
		return String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
				accuracy ? ACCURACY_COLOUR : SPEEDUP_COLOUR, points.toString().trim());
	}

	private static void legend(StringBuilder svg) {
		int x = LEFT + 10;
		int y = HEIGHT - BOTTOM - 30;
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
						+ "<text x=\"%d\" y=\"%d\">cascade accuracy</text>%n",
				x, y, x + 24, y, ACCURACY_COLOUR, x + 30, y + 4));
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
						+ "<text x=\"%d\" y=\"%d\">estimated speedup against the last tier alone</text>%n",
				x, y + 16, x + 24, y + 16, SPEEDUP_COLOUR, x + 30, y + 20));
	}

	/**
	 * Returns a range that holds {@code [min, max]} with round ends, and a round step of
	 * about five ticks: {@code {low, high, step}}.
	 */
	static double[] niceRange(double min, double max) {
		double span = Math.max(max - min, 1e-9);
		double raw = span / 5;
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		double step = magnitude;
		for (double factor : new double[] { 1, 2, 2.5, 5, 10 }) {
			step = factor * magnitude;
			if (step >= raw) {
				break;
			}
		}
		double low = Math.floor(min / step) * step;
		double high = Math.ceil(max / step) * step;
		if (high - low < step) {
			high = low + step;
		}
		return new double[] { low, high, step };
	}

	static String trim(double value) {
		String text = String.format(Locale.ROOT, "%.2f", value);
		text = text.replaceAll("0+$", "");
		return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** Maps data to the plot area. */
	private record Frame(double xMin, double xMax, double accMin, double accMax, double speedMin, double speedMax) {

		double x(double threshold) {
			return LEFT + (threshold - this.xMin) / (this.xMax - this.xMin) * (WIDTH - LEFT - RIGHT);
		}

		double accuracyY(double percent) {
			return HEIGHT - BOTTOM - (percent - this.accMin) / (this.accMax - this.accMin) * (HEIGHT - BOTTOM - TOP);
		}

		double speedupY(double speedup) {
			return HEIGHT - BOTTOM
					- (speedup - this.speedMin) / (this.speedMax - this.speedMin) * (HEIGHT - BOTTOM - TOP);
		}

	}

}
