package dev.tango.admin.ui;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.tango.models.registry.CalibrationPoint;

/**
 * A calibration curve drawn as SVG: for the first gate, the cascade's accuracy (left
 * axis) and the share of inputs escalated (right axis, 0 to 1) against the threshold,
 * with the chosen threshold marked.
 *
 * @param width the drawing's width in user units
 * @param height the drawing's height in user units
 * @param accuracy the accuracy line, as SVG polyline points
 * @param escalation the escalation line, as SVG polyline points
 * @param chosenX the horizontal position of the chosen threshold
 * @param chosenThreshold the chosen threshold
 * @param xTicks the threshold axis's ticks
 * @param yTicks the accuracy axis's ticks
 * @param points how many points the curve has
 */
public record CurvePlot(int width, int height, String accuracy, String escalation, double chosenX,
		double chosenThreshold, List<Tick> xTicks, List<Tick> yTicks, int points) {

	/** The left, right, top and bottom margins of the plot area. */
	public static final int LEFT = 60;

	/** Margin right of the plot area. */
	public static final int RIGHT = 60;

	/** Margin above the plot area. */
	public static final int TOP = 20;

	/** Margin below the plot area. */
	public static final int BOTTOM = 40;

	private static final int WIDTH = 640;

	private static final int HEIGHT = 320;

	/**
	 * Draws the first gate's points of a curve.
	 * @param curve the calibration's curve
	 * @param chosenThreshold the first gate's chosen threshold
	 * @return the plot
	 */
	public static CurvePlot of(List<CalibrationPoint> curve, double chosenThreshold) {
		List<CalibrationPoint> points = new ArrayList<>(curve.stream().filter((point) -> point.gate() == 0).toList());
		points.sort(Comparator.comparingDouble(CalibrationPoint::threshold));
		double low = points.stream().mapToDouble(CalibrationPoint::accuracy).min().orElse(0);
		double high = points.stream().mapToDouble(CalibrationPoint::accuracy).max().orElse(1);
		double bottom = Math.max(0, Math.floor(low * 20) / 20);
		double top = Math.min(1, Math.max(bottom + 0.05, Math.ceil(high * 20) / 20));
		StringBuilder accuracy = new StringBuilder();
		StringBuilder escalation = new StringBuilder();
		for (CalibrationPoint point : points) {
			append(accuracy, x(point.threshold()), y((point.accuracy() - bottom) / (top - bottom)));
			append(escalation, x(point.threshold()), y(point.escalation()));
		}
		List<Tick> xTicks = new ArrayList<>();
		List<Tick> yTicks = new ArrayList<>();
		for (int i = 0; i <= 5; i++) {
			double value = i / 5.0;
			xTicks.add(new Tick(x(value), format(value)));
			yTicks.add(new Tick(y(value), format(bottom + value * (top - bottom))));
		}
		return new CurvePlot(WIDTH, HEIGHT, accuracy.toString().trim(), escalation.toString().trim(),
				x(chosenThreshold), chosenThreshold, xTicks, yTicks, points.size());
	}

	/** The left of the plot area. */
	public int left() {
		return LEFT;
	}

	/** The top of the plot area. */
	public int top() {
		return TOP;
	}

	/** The bottom of the plot area. */
	public int plotBottom() {
		return HEIGHT - BOTTOM;
	}

	/** The right of the plot area. */
	public int plotRight() {
		return WIDTH - RIGHT;
	}

	private static double x(double threshold) {
		return LEFT + threshold * (WIDTH - LEFT - RIGHT);
	}

	private static double y(double share) {
		return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM);
	}

	private static void append(StringBuilder points, double x, double y) {
		points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
	}

	private static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	/**
	 * A tick of an axis.
	 *
	 * @param position where it is drawn
	 * @param label its label
	 */
	public record Tick(double position, String label) {

	}

}
