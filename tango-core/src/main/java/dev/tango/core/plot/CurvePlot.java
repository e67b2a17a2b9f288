package dev.tango.core.plot;

import java.util.List;
import java.util.Locale;

import dev.tango.core.calibration.ThresholdCurve;

/**
 * Draws a {@link ThresholdCurve} as an SVG document: the cascade's accuracy (left axis)
 * and the share of inputs escalated past the gate (right axis, 0 to 100%) against the
 * gate's threshold, the last tier's accuracy as a dotted reference where known, and the
 * chosen threshold as a dashed line labelled with its accuracy, escalation and estimated
 * speedup. The elements people and tests look for carry ids: {@code accuracy-line},
 * {@code escalation-line} (polylines of the same points, in increasing order of
 * threshold) and {@code chosen} (the chosen threshold's line).
 */
public final class CurvePlot {

	private static final Svg.Area AREA = new Svg.Area(720, 400, 70, 70, 40, 55);

	private static final String ACCURACY_COLOUR = "#1f77b4";

	private static final String ESCALATION_COLOUR = "#d62728";

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
		List<ThresholdCurve.Point> points = curve.points();
		if (points.size() < 2) {
			throw new IllegalArgumentException("A threshold curve is plotted from at least two points");
		}
		double xMin = Math.floor(
				20 * points.stream().mapToDouble(ThresholdCurve.Point::threshold).filter((t) -> t > 0).min().orElse(0))
				/ 20;
		Double last = curve.lastTierAccuracy();
		double accMin = points.stream().mapToDouble(ThresholdCurve.Point::accuracy).min().orElse(0);
		double accMax = points.stream().mapToDouble(ThresholdCurve.Point::accuracy).max().orElse(1);
		if (last != null) {
			accMin = Math.min(accMin, last);
			accMax = Math.max(accMax, last);
		}
		double[] accAxis = Svg.niceRange(100 * accMin, 100 * accMax);
		Frame frame = new Frame(new Svg.Scale(xMin, 1, AREA.left(), AREA.plotRight()),
				new Svg.Scale(accAxis[0], accAxis[1], AREA.plotBottom(), AREA.top()),
				new Svg.Scale(0, 100, AREA.plotBottom(), AREA.top()));
		StringBuilder svg = Svg.begin(AREA.width(), AREA.height(), title);
		axes(svg, frame, accAxis[2], curve.gate() + 1);
		if (last != null) {
			double lastY = frame.accuracy().at(100 * last);
			svg.append(String.format(Locale.ROOT,
					"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"2,3\"/>%n",
					AREA.left(), lastY, AREA.plotRight(), lastY, ACCURACY_COLOUR));
			svg.append(
					String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">last tier alone %.2f%%</text>%n",
							AREA.left() + 6, lastY - 5, ACCURACY_COLOUR, 100 * last));
		}
		svg.append(polyline(points, frame, true));
		svg.append(polyline(points, frame, false));
		ThresholdCurve.Point chosen = curve.chosen();
		double x = frame.threshold().at(Math.max(xMin, curve.chosenThreshold()));
		svg.append(String.format(Locale.ROOT,
				"<line id=\"chosen\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" "
						+ "stroke-dasharray=\"6,4\"/>%n",
				x, AREA.top(), x, AREA.plotBottom()));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\">chosen %.4f: %.2f%%, %.1f%% escalated, %.2fx</text>%n",
				x - 4, AREA.top() + 14, curve.chosenThreshold(), 100 * chosen.accuracy(), 100 * chosen.escalation(),
				chosen.speedup()));
		int legendX = AREA.left() + 10;
		int legendY = AREA.plotBottom() - 30;
		Svg.legendEntry(svg, legendX, legendY, ACCURACY_COLOUR, "cascade accuracy");
		Svg.legendEntry(svg, legendX, legendY + 16, ESCALATION_COLOUR,
				"share of inputs escalated past tier " + (curve.gate() + 1));
		return Svg.end(svg);
	}

	private static void axes(StringBuilder svg, Frame frame, double accStep, int tier) {
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
			svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" fill=\"%s\">%d%%</text>%n",
					AREA.plotRight() + 6, frame.escalation().at(share) + 4, ESCALATION_COLOUR, share));
		}
		svg.append(String.format(Locale.ROOT,
				"<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">threshold of tier %d (confidence at or above it: "
						+ "tier %d answers)</text>%n",
				(AREA.left() + AREA.plotRight()) / 2, AREA.height() - 14, tier, tier));
		svg.append(String.format(Locale.ROOT,
				"<text transform=\"translate(18,%d) rotate(-90)\" text-anchor=\"middle\" fill=\"%s\">accuracy</text>%n",
				(AREA.top() + bottom) / 2, ACCURACY_COLOUR));
		svg.append(
				String.format(Locale.ROOT,
						"<text transform=\"translate(%d,%d) rotate(90)\" text-anchor=\"middle\" fill=\"%s\">"
								+ "escalated</text>%n",
						AREA.width() - 18, (AREA.top() + bottom) / 2, ESCALATION_COLOUR));
	}

	private static String polyline(List<ThresholdCurve.Point> points, Frame frame, boolean accuracy) {
		StringBuilder line = new StringBuilder();
		for (ThresholdCurve.Point point : points) {
			if (point.threshold() < frame.threshold().min()) {
				continue;
			}
			double y = accuracy ? frame.accuracy().at(100 * point.accuracy())
					: frame.escalation().at(100 * point.escalation());
			line.append(Svg.point(frame.threshold().at(point.threshold()), y));
		}
		return Svg.polyline(accuracy ? "accuracy-line" : "escalation-line",
				accuracy ? ACCURACY_COLOUR : ESCALATION_COLOUR, line);
	}

	/**
	 * Maps data to the plot area.
	 *
	 * @param threshold the horizontal axis: the gate's threshold
	 * @param accuracy the left axis: accuracy in percent
	 * @param escalation the right axis: share escalated in percent
	 */
	private record Frame(Svg.Scale threshold, Svg.Scale accuracy, Svg.Scale escalation) {

	}

}
