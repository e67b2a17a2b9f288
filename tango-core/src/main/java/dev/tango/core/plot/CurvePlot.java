package dev.tango.core.plot;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import dev.tango.core.calibration.ThresholdCurve;

/**
 * Draws a {@link ThresholdCurve} as an SVG document, each measure on its own axis against
 * the gate's threshold: the cascade's accuracy (left axis), the share of inputs escalated
 * past the gate (first right axis, 0 to 100%) and the estimated speedup over the last
 * tier alone (second right axis); the last tier's accuracy as a dotted reference where
 * known, and the chosen threshold as a dashed line, its point marked on each curve and
 * labelled with its accuracy, escalation and estimated speedup. Every plotted threshold
 * has a transparent column ({@code class="hover-point"}) holding its values, as a
 * {@code <title>} that browsers show on hover and as {@code data-threshold},
 * {@code data-accuracy}, {@code data-escalation} and {@code data-speedup} attributes
 * (percent for the first two) for scripts. The elements people and tests look for carry
 * ids: {@code accuracy-line}, {@code escalation-line} and {@code speedup-line} (polylines
 * of the same points, in increasing order of threshold), {@code chosen} (the chosen
 * threshold's line) and {@code chosen-point} (its marks).
 */
public final class CurvePlot {

	private static final Svg.Area AREA = new Svg.Area(800, 420, 70, 120, 40, 55);

	private static final String ACCURACY_COLOUR = "#1f77b4";

	private static final String ESCALATION_COLOUR = "#d62728";

	private static final String SPEEDUP_COLOUR = "#2c8a2c";

	/** How far right of the plot area the speedup axis's labels start. */
	private static final int SPEEDUP_OFFSET = 56;

	private CurvePlot() {
	}

	/**
	 * Draws a curve. The threshold axis starts at the lowest positive threshold rounded
	 * down to 0.05 (a point at 0, where the gate passes nothing on, is left out).
	 * @param curve the curve, of at least two points
	 * @param title the plot's title, escaped here
	 * @return the SVG document
	 * @throws IllegalArgumentException if the curve has fewer than two points
	 */
	public static String svg(ThresholdCurve curve, String title) {
		List<ThresholdCurve.Point> all = curve.points();
		if (all.size() < 2) {
			throw new IllegalArgumentException("A threshold curve is plotted from at least two points");
		}
		double xMin = Math
			.floor(20 * all.stream().mapToDouble(ThresholdCurve.Point::threshold).filter((t) -> t > 0).min().orElse(0))
				/ 20;
		List<ThresholdCurve.Point> points = all.stream().filter((point) -> point.threshold() >= xMin).toList();
		Double last = curve.lastTierAccuracy();
		double accMin = min(points, ThresholdCurve.Point::accuracy);
		double accMax = -min(points, (point) -> -point.accuracy());
		if (last != null) {
			accMin = Math.min(accMin, last);
			accMax = Math.max(accMax, last);
		}
		double[] accAxis = Svg.niceRange(100 * accMin, 100 * accMax);
		double[] speedupAxis = Svg.niceRange(Math.min(1, min(points, ThresholdCurve.Point::speedup)),
				-min(points, (point) -> -point.speedup()));
		Frame frame = new Frame(new Svg.Scale(xMin, 1, AREA.left(), AREA.plotRight()),
				new Svg.Scale(accAxis[0], accAxis[1], AREA.plotBottom(), AREA.top()),
				new Svg.Scale(0, 100, AREA.plotBottom(), AREA.top()),
				new Svg.Scale(speedupAxis[0], speedupAxis[1], AREA.plotBottom(), AREA.top()));
		StringBuilder svg = Svg.begin(AREA.width(), AREA.height(), title);
		axes(svg, frame, accAxis[2], speedupAxis[2], curve.gate() + 1);
		if (last != null) {
			double lastY = frame.accuracy().at(100 * last);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2,3\"/>%n",
					AREA.left(), lastY, AREA.plotRight(), lastY, ACCURACY_COLOUR));
			svg.append(
					String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">last tier alone %.2f%%</text>%n",
							AREA.left() + 6, lastY - 5, ACCURACY_COLOUR, 100 * last));
		}
		svg.append(polyline("accuracy-line", ACCURACY_COLOUR, points, frame, Measure.ACCURACY));
		svg.append(polyline("escalation-line", ESCALATION_COLOUR, points, frame, Measure.ESCALATION));
		svg.append(polyline("speedup-line", SPEEDUP_COLOUR, points, frame, Measure.SPEEDUP));
		chosen(svg, curve, frame);
		int legendX = AREA.left() + 10;
		int legendY = AREA.plotBottom() - 46;
		Svg.legendEntry(svg, legendX, legendY, ACCURACY_COLOUR, "cascade accuracy");
		Svg.legendEntry(svg, legendX, legendY + 16, ESCALATION_COLOUR,
				"share of inputs escalated past tier " + (curve.gate() + 1));
		Svg.legendEntry(svg, legendX, legendY + 32, SPEEDUP_COLOUR, "estimated speedup over the last tier");
		hoverColumns(svg, points, frame);
		return Svg.end(svg);
	}

	private static double min(List<ThresholdCurve.Point> points, ToDoubleFunction<ThresholdCurve.Point> value) {
		return points.stream().mapToDouble(value).filter(Double::isFinite).min().orElse(0);
	}

	private static void chosen(StringBuilder svg, ThresholdCurve curve, Frame frame) {
		ThresholdCurve.Point chosen = curve.chosen();
		double x = frame.threshold().at(Math.max(frame.threshold().min(), curve.chosenThreshold()));
		svg.append(String.format(Locale.ROOT,
				"<line id=\"chosen\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
						+ "stroke-dasharray=\"6,4\"/>%n",
				x, AREA.top(), x, AREA.plotBottom()));
		svg.append("<g id=\"chosen-point\" stroke=\"black\" stroke-width=\"1.5\">");
		for (Measure measure : Measure.values()) {
			svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>", x,
					measure.y(frame, chosen), measure.colour));
		}
		svg.append(String.format(Locale.ROOT, "</g>%n"));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">chosen %.4f: %.2f%%, %.1f%% escalated, %.2fx</text>%n",
				x - 4, AREA.top() + 14, curve.chosenThreshold(), 100 * chosen.accuracy(), 100 * chosen.escalation(),
				chosen.speedup()));
	}

	private static void hoverColumns(StringBuilder svg, List<ThresholdCurve.Point> points, Frame frame) {
		double width = (double) (AREA.plotRight() - AREA.left()) / points.size();
		svg.append("<g class=\"hover\" fill=\"#000\" fill-opacity=\"0\">\n");
		for (ThresholdCurve.Point point : points) {
			double x = frame.threshold().at(point.threshold());
			svg.append(String.format(Locale.ROOT,
					"<rect class=\"hover-point\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
							+ "data-threshold=\"%.4f\" data-accuracy=\"%.2f\" data-escalation=\"%.1f\" "
							+ "data-speedup=\"%.2f\"><title>threshold %.4f: accuracy %.2f%%, %.1f%% escalated, "
							+ "speedup %.2fx</title></rect>%n",
					x - width / 2, AREA.top(), width, AREA.plotBottom() - AREA.top(), point.threshold(),
					100 * point.accuracy(), 100 * point.escalation(), point.speedup(), point.threshold(),
					100 * point.accuracy(), 100 * point.escalation(), point.speedup()));
		}
		svg.append("</g>\n");
	}

	private static void axes(StringBuilder svg, Frame frame, double accStep, double speedupStep, int tier) {
		int bottom = AREA.plotBottom();
		Svg.border(svg, AREA.left(), AREA.top(), AREA.plotRight(), bottom);
		double span = 1 - frame.threshold().min();
		double step = (span > 0.5) ? 0.1 : 0.05;
		for (double t = frame.threshold().min(); t <= 1 + 1e-9; t += step) {
			Svg.verticalGridLine(svg, frame.threshold().at(t), AREA.top(), bottom,
					String.format(Locale.ROOT, "%.2f", t));
		}
		String accuracyFill = " fill=\"" + ACCURACY_COLOUR + "\"";
		for (double a = frame.accuracy().min(); a <= frame.accuracy().max() + 1e-9; a += accStep) {
			Svg.horizontalGridLine(svg, frame.accuracy().at(a), AREA.left(), AREA.plotRight(), Svg.trim(a) + "%",
					accuracyFill);
		}
		for (int share = 0; share <= 100; share += 20) {
			rightLabel(svg, 6, frame.escalation().at(share), ESCALATION_COLOUR, share + "%");
		}
		for (double s = frame.speedup().min(); s <= frame.speedup().max() + 1e-9; s += speedupStep) {
			rightLabel(svg, SPEEDUP_OFFSET, frame.speedup().at(s), SPEEDUP_COLOUR, Svg.trim(s) + "x");
		}
		svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>%n",
				AREA.plotRight() + SPEEDUP_OFFSET - 4, AREA.top(), AREA.plotRight() + SPEEDUP_OFFSET - 4, bottom,
				SPEEDUP_COLOUR));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">threshold of tier %d (confidence at or above it: "
						+ "tier %d answers)</text>%n",
				(AREA.left() + AREA.plotRight()) / 2, AREA.height() - 14, tier, tier));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\" fill=\"%s\">accuracy</text>%n",
				(AREA.top() + bottom) / 2, ACCURACY_COLOUR));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">escalated</text>%n",
				AREA.plotRight() - 20, AREA.top() - 8, ESCALATION_COLOUR));
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">speedup</text>%n",
				AREA.plotRight() + SPEEDUP_OFFSET - 4, AREA.top() - 8, SPEEDUP_COLOUR));
	}

	private static void rightLabel(StringBuilder svg, int offset, double y, String colour, String text) {
		svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%s</text>%n",
				AREA.plotRight() + offset, y + 4, colour, text));
	}

	private static String polyline(String id, String colour, List<ThresholdCurve.Point> points, Frame frame,
			Measure measure) {
		StringBuilder line = new StringBuilder();
		for (ThresholdCurve.Point point : points) {
			line.append(Svg.point(frame.threshold().at(point.threshold()), measure.y(frame, point)));
		}
		return Svg.polyline(id, colour, line);
	}

	/**
	 * The measures drawn, each on its own axis.
	 */
	private enum Measure {

		ACCURACY(ACCURACY_COLOUR), ESCALATION(ESCALATION_COLOUR), SPEEDUP(SPEEDUP_COLOUR);

		private final String colour;

		Measure(String colour) {
			this.colour = colour;
		}

		double y(Frame frame, ThresholdCurve.Point point) {
			return switch (this) {
				case ACCURACY -> frame.accuracy().at(100 * point.accuracy());
				case ESCALATION -> frame.escalation().at(100 * point.escalation());
				case SPEEDUP -> frame.speedup().at(point.speedup());
			};
		}

	}

	/**
	 * Maps data to the plot area.
	 *
	 * @param threshold the horizontal axis: the gate's threshold
	 * @param accuracy the left axis: accuracy in percent
	 * @param escalation the first right axis: share escalated in percent
	 * @param speedup the second right axis: estimated speedup, a ratio
	 */
	private record Frame(Svg.Scale threshold, Svg.Scale accuracy, Svg.Scale escalation, Svg.Scale speedup) {

	}

}
