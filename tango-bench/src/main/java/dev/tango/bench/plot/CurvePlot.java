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
		double[] accAxis = Svg.niceRange(100 * accMin, 100 * accMax);
		double speedMax = rows.stream().mapToDouble(CurveFile.Row::speedup).max().orElse(1);
		double[] speedAxis = Svg.niceRange(0, speedMax);
		Frame frame = new Frame(new Svg.Scale(xMin, 1, LEFT, WIDTH - RIGHT),
				new Svg.Scale(accAxis[0], accAxis[1], HEIGHT - BOTTOM, TOP),
				new Svg.Scale(speedAxis[0], speedAxis[1], HEIGHT - BOTTOM, TOP));
		StringBuilder svg = Svg.begin(WIDTH, HEIGHT, title);
		axes(svg, frame, accAxis[2], speedAxis[2]);
		double lastY = frame.accuracy().at(100 * last);
		svg.append(String.format(Locale.ROOT,
				"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2,3\"/>%n", LEFT,
				lastY, WIDTH - RIGHT, lastY, ACCURACY_COLOUR));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">last tier alone %.2f%%</text>%n",
				LEFT + 6, lastY - 5, ACCURACY_COLOUR, 100 * last));
		svg.append(polyline(rows, frame, true));
		svg.append(polyline(rows, frame, false));
		for (CurveFile.Row row : rows) {
			if (row.chosen()) {
				double x = frame.threshold().at(row.thresholds().get(0));
				svg.append(String.format(Locale.ROOT,
						"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-dasharray=\"6,4\"/>%n",
						x, TOP, x, HEIGHT - BOTTOM));
				svg.append(String.format(Locale.ROOT,
						"<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">chosen %.4f: %.2f%%, %.2fx</text>%n", x - 4,
						TOP + 14, row.thresholds().get(0), 100 * row.accuracy(), row.speedup()));
			}
		}
		int legendX = LEFT + 10;
		int legendY = HEIGHT - BOTTOM - 30;
		Svg.legendEntry(svg, legendX, legendY, ACCURACY_COLOUR, "cascade accuracy");
		Svg.legendEntry(svg, legendX, legendY + 16, SPEEDUP_COLOUR, "estimated speedup against the last tier alone");
		return Svg.end(svg);
	}

	private static void axes(StringBuilder svg, Frame frame, double accStep, double speedStep) {
		int bottom = HEIGHT - BOTTOM;
		Svg.border(svg, LEFT, TOP, WIDTH - RIGHT, bottom);
		for (double t = frame.threshold().min(); t <= 1 + 1e-9; t += 0.05) {
			Svg.verticalGridLine(svg, frame.threshold().at(t), TOP, bottom, String.format(Locale.ROOT, "%.2f", t));
		}
		String accuracyFill = " fill=\"" + ACCURACY_COLOUR + "\"";
		for (double a = frame.accuracy().min(); a <= frame.accuracy().max() + 1e-9; a += accStep) {
			Svg.horizontalGridLine(svg, frame.accuracy().at(a), LEFT, WIDTH - RIGHT, Svg.trim(a) + "%", accuracyFill);
		}
		for (double s = frame.speedup().min(); s <= frame.speedup().max() + 1e-9; s += speedStep) {
			double y = frame.speedup().at(s);
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%sx</text>%n",
					WIDTH - RIGHT + 6, y + 4, SPEEDUP_COLOUR, Svg.trim(s)));
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
			if (t < frame.threshold().min()) {
				continue;
			}
			double y = accuracy ? frame.accuracy().at(100 * row.accuracy()) : frame.speedup().at(row.speedup());
			points.append(Svg.point(frame.threshold().at(t), y));
		}
		return Svg.polyline(accuracy ? ACCURACY_COLOUR : SPEEDUP_COLOUR, points);
	}

	/**
	 * Maps data to the plot area.
	 *
	 * @param threshold the horizontal axis: the first tier's threshold
	 * @param accuracy the left axis: accuracy in percent
	 * @param speedup the right axis: estimated speedup
	 */
	private record Frame(Svg.Scale threshold, Svg.Scale accuracy, Svg.Scale speedup) {

	}

}
